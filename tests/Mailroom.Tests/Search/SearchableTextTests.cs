using System.Text;
using Mailroom.Messages;
using Mailroom.Search;

namespace Mailroom.Tests.Search;

public sealed class SearchableTextTests
{
    private static readonly DateTimeOffset FetchedAt = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static byte[] Message(string contentType, byte[] body) =>
        [.. Encoding.ASCII.GetBytes($"From: a@example.test\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: {contentType}\r\n\r\n"), .. body];

    [Fact]
    public void Parse_DecodesIso2022JpAndWindows1252Bodies()
    {
        // 会議の議事録を送ります。 in ISO-2022-JP (RFC 1468), written out so the test does not depend on the encoders.
        byte[] japanese = [0x1B, 0x24, 0x42, 0x32, 0x71, 0x35, 0x44, 0x24, 0x4E, 0x35, 0x44, 0x3B, 0x76, 0x4F, 0x3F, 0x24, 0x72,
            0x41, 0x77, 0x24, 0x6A, 0x24, 0x5E, 0x24, 0x39, 0x21, 0x23, 0x1B, 0x28, 0x42];
        byte[] windows1252 = [0x93, 0x72, 0xE9, 0x73, 0x75, 0x6D, 0xE9, 0x94, 0x20, 0x80];

        var jp = MessageSummaryParser.Parse(Message("text/plain; charset=iso-2022-jp", japanese), FetchedAt).Text;
        var cp1252 = MessageSummaryParser.Parse(Message("text/plain; charset=windows-1252", windows1252), FetchedAt).Text;

        Assert.Equal("会議の議事録を送ります。", jp.Body.Trim());
        Assert.Equal("“résumé” €", cp1252.Body.Trim());
    }

    [Fact]
    public void Parse_IndexesHtmlTextAndAttachmentNames_ButNotStyles()
    {
        var raw = Encoding.UTF8.GetBytes(
            "From: a@example.test\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" +
            "--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<style>p{color:red}</style><p>Hello &amp; <b>welcome</b></p>\r\n" +
            "--b\r\nContent-Type: application/pdf; name=\"Q3 report.pdf\"\r\nContent-Disposition: attachment\r\n\r\n%PDF\r\n--b--\r\n");

        var text = MessageSummaryParser.Parse(raw, FetchedAt).Text;

        Assert.Equal("hello welcome", SearchText.Join(text.Body));
        Assert.Equal("Q3 report.pdf", text.AttachmentNames);
    }

    [Fact]
    public void Parse_ReplacesNulAndLoneSurrogates_WhichPostgreSqlCannotStore()
    {
        var raw = Encoding.UTF8.GetBytes("From: a@example.test\r\nSubject: x\r\nContent-Type: text/html\r\n\r\n<p>a\0b &#xD800; c</p>\r\n");

        var body = MessageSummaryParser.Parse(raw, FetchedAt).Text.Body;

        Assert.DoesNotContain('\0', body);
        Assert.DoesNotContain(body, char.IsSurrogate);
    }
}
