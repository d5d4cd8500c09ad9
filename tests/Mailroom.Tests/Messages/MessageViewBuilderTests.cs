using System.Text;
using Mailroom.Messages;

namespace Mailroom.Tests.Messages;

public sealed class MessageViewBuilderTests
{
    private static readonly DateTimeOffset SentAt = new(2026, 5, 1, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Build_ReadsTheHeadersTheReadingPaneShows()
    {
        var view = Build(
            "From: Alice <alice@example.test>\r\nTo: Bob <bob@example.test>, carol@example.test\r\nCc: dan@example.test\r\n" +
            "Reply-To: Help <help@example.test>\r\nSubject: Quarterly figures\r\nDate: Fri, 1 May 2026 09:30:00 +0000\r\n\r\nHello\r\n");

        Assert.Equal("Quarterly figures", view.Subject);
        Assert.Equal([new MailboxView("Alice", "alice@example.test")], view.From);
        Assert.Equal(["Bob <bob@example.test>", "carol@example.test"], view.To.Select(m => m.Display));
        Assert.Equal("dan@example.test", Assert.Single(view.Cc).Address);
        Assert.Equal("help@example.test", Assert.Single(view.ReplyTo).Address);
        Assert.Empty(view.Notes);
    }

    [Fact]
    public void Build_ShowsTextAndSanitisedHtmlOfAnAlternative()
    {
        var view = Build(
            "Subject: x\r\nDate: Fri, 1 May 2026 09:30:00 +0000\r\nContent-Type: multipart/alternative; boundary=a\r\n\r\n" +
            "--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlain see https://example.test\r\n" +
            "--a\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p onclick=\"alert(1)\">Rich</p><script>alert(2)</script>\r\n--a--\r\n");

        Assert.Contains(view.Text!, s => s.Url == "https://example.test");
        Assert.Contains("Rich", view.Html!.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("alert", view.Html.Html, StringComparison.Ordinal);
        Assert.Empty(view.Attachments);
    }

    [Fact]
    public void Build_OfTextThenHtmlInMultipartMixed_ShowsBoth_WhileAnAlternativeShowsOne()
    {
        const string parts =
            "--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe covering note\r\n" +
            "--a\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>The report</p>\r\n--a--\r\n";
        var mixed = Build("Subject: x\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n" + parts);
        var alternative = Build("Subject: x\r\nContent-Type: multipart/alternative; boundary=a\r\n\r\n" + parts);

        Assert.True(mixed.TextBesideHtml);
        Assert.Contains(mixed.Text!, s => s.Text.Contains("The covering note", StringComparison.Ordinal));
        Assert.Contains("The report", mixed.Html!.Html, StringComparison.Ordinal);
        Assert.Empty(mixed.Attachments);
        Assert.False(alternative.TextBesideHtml);
    }

    [Fact]
    public void Build_EmbedsInlineImagesFromTheMessageItself()
    {
        var view = Build(
            "Subject: x\r\nDate: Fri, 1 May 2026 09:30:00 +0000\r\nContent-Type: multipart/related; boundary=r\r\n\r\n" +
            "--r\r\nContent-Type: text/html\r\n\r\n<img src=\"cid:logo@example.test\">\r\n" +
            "--r\r\nContent-Type: image/png\r\nContent-ID: <logo@example.test>\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--r--\r\n");

        Assert.Contains("src=\"data:image/png;base64,iVBORw0KGgo=\"", view.Html!.Html, StringComparison.Ordinal);
        Assert.Empty(view.Attachments);
    }

    [Fact]
    public void Build_MessageWithOnlyAnAttachment_ListsItWithANote()
    {
        var view = Build(
            "Subject: scan\r\nDate: Fri, 1 May 2026 09:30:00 +0000\r\nContent-Type: application/pdf; name=\"scan.pdf\"\r\n" +
            "Content-Disposition: attachment; filename=\"scan.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n");

        var attachment = Assert.Single(view.Attachments);
        Assert.Equal(new AttachmentInfo(0, "scan.pdf", "application/pdf", 9), attachment);
        Assert.Null(view.Text);
        Assert.Null(view.Html);
        Assert.Contains(view.Notes, n => n.Contains("attachments", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_NestedMessage_IsAnEmlAttachment()
    {
        var view = Build(
            "Subject: fwd\r\nDate: Fri, 1 May 2026 09:30:00 +0000\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n" +
            "--m\r\nContent-Type: text/plain\r\n\r\nForwarded below\r\n" +
            "--m\r\nContent-Type: message/rfc822\r\n\r\nSubject: inner\r\nFrom: x@example.test\r\n\r\nInner body\r\n--m--\r\n");

        var attachment = Assert.Single(view.Attachments);
        Assert.Equal("inner.eml", attachment.FileName);
        Assert.Equal("message/rfc822", attachment.ContentType);
    }

    [Fact]
    public void Build_ZeroBytes_SaysTheMessageIsEmpty()
    {
        var view = MessageViewBuilder.Build([], SentAt, allowRemoteImages: false);

        Assert.Contains(view.Notes, n => n.Contains("empty", StringComparison.Ordinal));
        Assert.Equal(SentAt, view.SentAt);
    }

    [Theory]
    [InlineData("Subject: x\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n\r\nCaf\u00e9\r\n")]
    [InlineData("Subject: x\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\nSGVsbG8gd29y\r\n")]
    [InlineData("Subject: x\r\nContent-Type: multipart/mixed; boundary=never\r\n\r\n--never\r\nContent-Type: text/plain\r\n\r\ntruncated")]
    [InlineData("Subject: x\r\nContent-Type: multipart/mixed\r\n\r\nno boundary at all\r\n")]
    [InlineData("garbage without any header\r\n")]
    [InlineData("\u0000\u0001\u0002")]
    public void Build_BrokenMime_StillShowsSomething(string raw)
    {
        var view = Build(raw);

        Assert.True(view.Text is not null || view.Html is not null || view.Notes.Count > 0);
    }

    [Fact]
    public void Build_WithoutDate_SaysHowTheMessageIsDated()
    {
        var view = Build("Subject: x\r\n\r\nBody\r\n");

        Assert.Contains(view.Notes, n => n.Contains("Date", StringComparison.Ordinal));
    }

    [Fact]
    public void Open_ReturnsTheDecodedAttachment()
    {
        var raw = Encoding.ASCII.GetBytes(
            "Subject: x\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee file\r\n" +
            "--b\r\nContent-Type: text/html\r\nContent-Disposition: attachment; filename=\"../page.html\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
            Convert.ToBase64String(Encoding.ASCII.GetBytes("<script>alert(1)</script>")) + "\r\n--b--\r\n");

        var attachment = Attachments.Open(raw, 0)!;
        using var content = new StreamReader(attachment.Content);

        Assert.Equal("page.html", attachment.FileName);
        Assert.Equal("<script>alert(1)</script>", content.ReadToEnd());
        Assert.Null(Attachments.Open(raw, 1));
        Assert.Null(Attachments.Open(raw, -1));
    }

    private static MessageView Build(string raw) =>
        MessageViewBuilder.Build(Encoding.UTF8.GetBytes(raw), SentAt, allowRemoteImages: false);
}
