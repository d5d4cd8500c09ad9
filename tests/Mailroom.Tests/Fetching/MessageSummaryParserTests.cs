using System.Text;
using Mailroom.Messages;

namespace Mailroom.Tests.Fetching;

public sealed class MessageSummaryParserTests
{
    private static readonly DateTimeOffset FetchedAt = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_TakesTheSummaryFromTheHeadersAndTheTextBody()
    {
        var summary = Parse("""
            From: "Ada Lovelace" <ada@example.test>
            To: Bob <bob@example.test>, carol@example.test
            Cc: dave@example.test
            Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=
            Date: Tue, 3 Nov 2026 09:15:00 +0100
            Message-ID: <abc@example.test>

            Hello   Bob,

            the engine works.
            """);

        Assert.Equal("Ada Lovelace", summary.FromName);
        Assert.Equal("ada@example.test", summary.FromAddress);
        Assert.Contains("bob@example.test", summary.To);
        Assert.Contains("carol@example.test", summary.To);
        Assert.Contains("dave@example.test", summary.Cc);
        Assert.Equal("Grüße", summary.Subject);
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 8, 15, 0, TimeSpan.Zero), summary.SentAt);
        Assert.Equal(TimeSpan.Zero, summary.SentAt.Offset);
        Assert.Equal("abc@example.test", summary.MessageIdHeader);
        Assert.Equal("Hello Bob, the engine works.", summary.Snippet);
        Assert.False(summary.HasAttachments);
    }

    [Theory]
    [InlineData("3 Nov 2026 09:15:00 +0100")]
    [InlineData("Tue, 3 Nov 2026 09:15 +0100")]
    [InlineData("Tue,  3 Nov 2026 09:15:00 +0100 (CET)")]
    [InlineData("Tue, 03 Nov 2026 08:15:00 GMT")]
    public void Parse_ReadsSloppyDateHeadersLeniently(string date)
    {
        var summary = Parse($"Date: {date}\nSubject: x\n\nbody");

        Assert.Equal(new DateTimeOffset(2026, 11, 3, 8, 15, 0, TimeSpan.Zero), summary.SentAt);
    }

    [Fact]
    public void Parse_WithoutAUsableDate_FallsBackToTheFirstReceivedStamp()
    {
        var summary = Parse("""
            Received: from relay.example.test by mx.example.test; Wed, 4 Nov 2026 10:00:00 +0000
            Received: from origin.example.test by relay.example.test; Wed, 4 Nov 2026 09:59:00 +0000
            Date: not a date at all
            Subject: x

            body
            """);

        Assert.Equal(new DateTimeOffset(2026, 11, 4, 10, 0, 0, TimeSpan.Zero), summary.SentAt);
    }

    [Fact]
    public void Parse_WithNeitherDateNorReceived_UsesTheFetchTime()
    {
        Assert.Equal(FetchedAt, Parse("Subject: x\n\nbody").SentAt);
    }

    [Fact]
    public void Parse_HtmlOnlyMessage_TakesTheSnippetFromTheVisibleText()
    {
        var summary = Parse("""
            Subject: html
            Content-Type: text/html; charset=utf-8

            <html><head><style>p { color: red }</style></head><body><p>Price&nbsp;list</p><script>alert(1)</script><p>for   you</p></body></html>
            """);

        Assert.Equal("Price list for you", summary.Snippet);
    }

    [Fact]
    public void Parse_SnippetIsCutToTwoHundredCharacters()
    {
        var summary = Parse("Subject: long\n\n" + new string('x', 5000));

        Assert.Equal(MessageSummaryParser.SnippetLength, summary.Snippet.Length);
    }

    [Fact]
    public void Parse_MultipartWithAnAttachment_SetsTheFlag()
    {
        var summary = Parse("""
            Subject: report
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: text/plain

            See the attached file.
            --b1
            Content-Type: application/pdf
            Content-Disposition: attachment; filename="report.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --b1--
            """);

        Assert.True(summary.HasAttachments);
        Assert.Equal("See the attached file.", summary.Snippet);
    }

    [Fact]
    public void Parse_EmptyMessage_GivesAnEmptySummaryInsteadOfThrowing()
    {
        var summary = MessageSummaryParser.Parse([], FetchedAt);

        Assert.Equal(0, summary.Size);
        Assert.Equal(FetchedAt, summary.SentAt);
        Assert.Equal("", summary.Subject);
    }

    [Fact]
    public void Parse_BinaryGarbage_GivesABestEffortSummaryInsteadOfThrowing()
    {
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);

        var summary = MessageSummaryParser.Parse(garbage, FetchedAt);

        Assert.Equal(4096, summary.Size);
        Assert.Equal(FetchedAt, summary.SentAt);
    }

    [Fact]
    public void Parse_BodyInAnUnknownCharsetAndBrokenBase64_StillSummarises()
    {
        var summary = Parse("""
            Subject: odd
            Content-Type: text/plain; charset=x-no-such-charset
            Content-Transfer-Encoding: base64

            !!!not base64!!!
            """);

        Assert.Equal("odd", summary.Subject);
    }

    private static MessageSummary Parse(string message) =>
        MessageSummaryParser.Parse(Encoding.UTF8.GetBytes(message.ReplaceLineEndings("\r\n")), FetchedAt);
}
