using System.Text;
using Mailroom.Messages;

namespace Mailroom.Tests.Messages;

public sealed class MessageSummaryParserTests
{
    private static readonly DateTimeOffset FetchedAt = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_TakesSentDateFromTheDateHeader_InUtc()
    {
        var summary = Parse("Date: Tue, 3 Mar 2026 10:15:00 +0200\r\nFrom: A <a@example.test>\r\nSubject: Hi\r\n\r\nBody\r\n");

        Assert.Equal(new DateTimeOffset(2026, 3, 3, 8, 15, 0, TimeSpan.Zero), summary.SentAt);
        Assert.Equal(TimeSpan.Zero, summary.SentAt.Offset);
    }

    [Theory]
    [InlineData("3 Nov 2026 09:15:00 +0100")]
    [InlineData("Tue, 3 Nov 2026 09:15 +0100")]
    [InlineData("Tue,  3 Nov 2026 09:15:00 +0100 (CET)")]
    [InlineData("Tue, 03 Nov 2026 08:15:00 GMT")]
    public void Parse_ReadsSloppyDateHeadersLeniently(string date)
    {
        var summary = Parse($"Date: {date}\r\nSubject: x\r\n\r\nbody");

        Assert.Equal(new DateTimeOffset(2026, 11, 3, 8, 15, 0, TimeSpan.Zero), summary.SentAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Date: not a date at all\r\n")]
    public void Parse_WithoutAUsableDate_FallsBackToTheNewestReceivedStamp(string dateHeader)
    {
        var summary = Parse(
            "Received: from b by c; Wed, 4 Mar 2026 09:00:00 +0000\r\n" +
            "Received: from a by b; Wed, 4 Mar 2026 08:00:00 +0000\r\n" +
            dateHeader + "Subject: no date\r\n\r\nBody\r\n");

        Assert.Equal(new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.Zero), summary.SentAt);
    }

    [Fact]
    public void Parse_WithNeitherDateNorReceived_UsesTheFetchTime()
    {
        Assert.Equal(FetchedAt, Parse("Subject: nothing\r\n\r\nBody\r\n").SentAt);
        Assert.Equal(FetchedAt, Parse("Date: not a date at all\r\nSubject: x\r\n\r\nBody\r\n").SentAt);
    }

    [Fact]
    public void Parse_ReadsSenderRecipientsSubjectAndMessageId()
    {
        var summary = Parse(
            "From: =?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <jm@example.test>\r\n" +
            "To: Bob <bob@example.test>, carol@example.test\r\n" +
            "Cc: Dan <dan@example.test>\r\n" +
            "Subject: =?utf-8?b?w5xiZXJzaWNodA==?=\r\n" +
            "Message-ID: <abc@example.test>\r\n\r\nHello\r\n");

        Assert.Equal("Jürgen Müller", summary.FromName);
        Assert.Equal("jm@example.test", summary.FromAddress);
        Assert.Equal("Bob <bob@example.test>, carol@example.test", summary.To);
        Assert.Equal("Dan <dan@example.test>", summary.Cc);
        Assert.Equal("Übersicht", summary.Subject);
        Assert.Equal("abc@example.test", summary.MessageIdHeader);
        Assert.False(summary.HasAttachments);
    }

    [Fact]
    public void Parse_SnippetIsOneLineOfTheTextBody_WithoutQuotedReplies()
    {
        var summary = Parse("Subject: x\r\n\r\nFirst line\r\n> quoted old text\r\n\r\n  second   line\r\n");

        Assert.Equal("First line second line", summary.Snippet);
    }

    [Fact]
    public void Parse_SnippetOfAnHtmlOnlyMessage_IsItsVisibleText()
    {
        var summary = Parse(
            "Subject: x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" +
            "<html><head><title>T</title><style>p{color:red}</style><script>var x=1;</script></head>" +
            "<body><p>Hello&nbsp;<b>world</b></p><p>again &amp; again</p></body></html>\r\n");

        Assert.Equal("Hello world again & again", summary.Snippet);
    }

    [Fact]
    public void Parse_SnippetIsCutToItsLength()
    {
        var summary = Parse("Subject: x\r\n\r\n" + new string('a', 1000) + "\r\n");

        Assert.Equal(MessageSummaryParser.SnippetLength, summary.Snippet.Length);
    }

    [Fact]
    public void Parse_MarksAttachments_ButNotInlineImagesOfAnHtmlBody()
    {
        var withAttachment = Parse(
            "Subject: x\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee file\r\n" +
            "--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=a.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERg==\r\n--b--\r\n");
        var withInlineImage = Parse(
            "Subject: x\r\nContent-Type: multipart/related; boundary=r\r\n\r\n--r\r\nContent-Type: text/html\r\n\r\n<img src=\"cid:logo\">\r\n" +
            "--r\r\nContent-Type: image/png\r\nContent-ID: <logo>\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--r--\r\n");

        Assert.True(withAttachment.HasAttachments);
        Assert.Equal("See file", withAttachment.Snippet);
        Assert.False(withInlineImage.HasAttachments);
    }

    [Fact]
    public void Parse_ZeroBytes_GivesAnEmptySummaryDatedByTheFetch()
    {
        var summary = MessageSummaryParser.Parse([], FetchedAt);

        Assert.Equal(FetchedAt, summary.SentAt);
        Assert.Equal("", summary.Subject);
        Assert.Equal(0, summary.Size);
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
        var summary = Parse(
            "Subject: odd\r\nContent-Type: text/plain; charset=x-no-such-charset\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
            "!!!not base64!!!\r\n");

        Assert.Equal("odd", summary.Subject);
    }

    [Fact]
    public void Parse_RemovesControlCharacters_SoThatEveryDatabaseAcceptsTheText()
    {
        var summary = Parse("Subject: a\u0001b\r\nFrom: x\u0000y <x@example.test>\r\n\r\nbody\u0000text\r\n");

        Assert.DoesNotContain(summary.Subject + summary.FromName + summary.Snippet, c => char.IsControl(c));
    }

    [Fact]
    public void Parse_SizeIsTheRawByteCount()
    {
        var raw = Encoding.UTF8.GetBytes("Subject: x\r\n\r\nBody\r\n");

        Assert.Equal(raw.Length, MessageSummaryParser.Parse(raw, FetchedAt).Size);
    }

    [Fact]
    public void ToStoredMessage_IsUnreadAndKeepsTheRawBytes()
    {
        var raw = Encoding.UTF8.GetBytes("Subject: x\r\n\r\nBody\r\n");
        var stored = MessageSummaryParser.Parse(raw, FetchedAt).ToStoredMessage(Guid.NewGuid(), "owner", MailFolder.Inbox, raw, FetchedAt);

        Assert.False(stored.IsRead);
        Assert.Same(raw, stored.Raw!.Content);
        Assert.Equal("x", stored.Subject);
    }

    private static MessageSummary Parse(string message) => MessageSummaryParser.Parse(Encoding.UTF8.GetBytes(message), FetchedAt);
}
