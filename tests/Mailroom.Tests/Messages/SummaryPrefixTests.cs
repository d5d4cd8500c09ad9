using System.Text;
using Mailroom.Messages;
using MimeKit;

namespace Mailroom.Tests.Messages;

/// <summary>
/// The fetcher summarises a message from its first <see cref="MessageSummaryParser.ParsedPrefixLength"/> bytes, parsed in
/// place; these tests hold that to the summary of the whole message, fully loaded, as the parser gave before.
/// </summary>
public sealed class SummaryPrefixTests
{
    private static readonly DateTimeOffset FetchedAt = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Corpus() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.eml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Parse_OfEveryCorpusMessage_EqualsTheSummaryOfTheFullyLoadedMessage(string file)
    {
        var raw = File.ReadAllBytes(file);

        Assert.Equal(FullSummary(raw), MessageSummaryParser.Parse(raw, FetchedAt));
    }

    [Theory]
    [InlineData(300 * 1024)]
    [InlineData(3 * 1024 * 1024)]
    public void Parse_OfALargeMessageWithABase64Attachment_EqualsTheFullSummary_AndCountsEveryByte(int attachmentBytes)
    {
        var raw = WithAttachment("Quarterly figures attached, please review before Thursday.", attachmentBytes);

        var summary = MessageSummaryParser.Parse(raw, FetchedAt);

        Assert.Equal(FullSummary(raw), summary);
        Assert.Equal(raw.LongLength, summary.Size);
        Assert.True(summary.HasAttachments);
        Assert.Equal("Quarterly figures attached, please review before Thursday.", summary.Snippet);
    }

    [Fact]
    public void Parse_OfAStreamLeftAtItsEnd_ReadsTheWholeMessageFromItsStart()
    {
        var raw = WithAttachment("From the download buffer.", 400 * 1024);
        using var downloaded = new MemoryStream();
        downloaded.Write(raw);

        Assert.Equal(MessageSummaryParser.Parse(raw, FetchedAt), MessageSummaryParser.Parse(downloaded, FetchedAt));
    }

    [Fact]
    public void Parse_WhenTheOnlyTextComesAfterTheFirst256KB_StillMarksTheAttachment_ButHasNoSnippet()
    {
        // The one known difference from a full parse: a text part that starts past the prefix is not read.
        var raw = WithAttachment("Text after a large attachment.", 400 * 1024, textFirst: false);

        var summary = MessageSummaryParser.Parse(raw, FetchedAt);

        Assert.True(summary.HasAttachments);
        Assert.Equal("", summary.Snippet);
        Assert.Equal("Text after a large attachment.", FullSummary(raw).Snippet);
    }

    [Fact]
    public void Parse_OfBytesThatAreNoMessage_GivesTheFetchTimeAndTheSize()
    {
        var raw = Encoding.ASCII.GetBytes("\r\n");

        Assert.Equal(FullSummary(raw), MessageSummaryParser.Parse(raw, FetchedAt));
    }

    private static MessageSummary FullSummary(byte[] raw) => MessageSummaryParser.Summarize(MimeMessageLoader.TryLoad(raw), raw.LongLength, FetchedAt);

    private static byte[] WithAttachment(string text, int attachmentBytes, bool textFirst = true)
    {
        var content = new byte[attachmentBytes];
        new Random(attachmentBytes).NextBytes(content);
        var body = new TextPart("plain") { Text = text };
        var attachment = new MimePart("application", "pdf")
        {
            Content = new MimeContent(new MemoryStream(content)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = "figures.pdf" },
            ContentTransferEncoding = ContentEncoding.Base64,
        };
        var mixed = new Multipart("mixed");
        if (textFirst)
        {
            mixed.Add(body);
            mixed.Add(attachment);
        }
        else
        {
            mixed.Add(attachment);
            mixed.Add(body);
        }

        var message = new MimeMessage(
            [new MailboxAddress("Ann Example", "ann@example.test")], [new MailboxAddress("Bob", "bob@example.test")], "Figures", mixed)
        {
            Date = new DateTimeOffset(2026, 3, 3, 10, 15, 0, TimeSpan.Zero),
            MessageId = "figures@example.test",
        };
        using var output = new MemoryStream();
        message.WriteTo(FormatOptions.Default, output);
        return output.ToArray();
    }
}
