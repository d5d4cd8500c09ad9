using Mailroom.Messages;

namespace Mailroom.Tests.Messages;

public sealed class MailHtmlSanitizerTests
{
    [Theory]
    [InlineData("<script>alert(1)</script><p>x</p>", "<script")]
    [InlineData("<img src=x onerror=alert(1)>", "onerror")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "javascript:")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">x</a>", "alert")]
    [InlineData("<a href=\"&#106;avascript:alert(1)\">x</a>", "alert")]
    [InlineData("<iframe src=\"https://evil.test/\"></iframe>", "<iframe")]
    [InlineData("<object data=\"https://evil.test/x.swf\"></object>", "<object")]
    [InlineData("<embed src=\"https://evil.test/x.swf\">", "<embed")]
    [InlineData("<svg><script>alert(1)</script></svg>", "<svg")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.test/\">", "refresh")]
    [InlineData("<base href=\"https://evil.test/\">", "<base")]
    [InlineData("<form action=\"https://evil.test/\"><input name=p></form>", "<form")]
    [InlineData("<form action=\"https://evil.test/\"><input name=p></form>", "<input")]
    [InlineData("<div style=\"width: expression(alert(1))\">x</div>", "expression")]
    [InlineData("<a href=\"data:text/html,<script>alert(1)</script>\">x</a>", "data:text/html")]
    [InlineData("<link rel=stylesheet href=\"https://evil.test/a.css\">", "evil.test")]
    [InlineData("<style>@import url(https://evil.test/a.css);</style>", "evil.test")]
    [InlineData("<style>body { background: url(https://evil.test/t.png) }</style>", "evil.test")]
    [InlineData("<style>body { background-image: image-set(\"https://evil.test/t.png\" 1x) }</style>", "evil.test")]
    [InlineData("<style>body { background-image: -webkit-image-set('//evil.test/t.png' 1x) }</style>", "evil.test")]
    [InlineData("<style>body { background-image: image-set(url(https://evil.test/t.png) 1x) }</style>", "evil.test")]
    [InlineData("<div style=\"background-image: image-set('https://evil.test/t.png' 1x)\">x</div>", "evil.test")]
    [InlineData("<style>@font-face { font-family: x; src: url(\"https://evil.test/f.woff\") }</style>", "evil.test")]
    [InlineData("<div style=\"background-image: url('https://evil.test/t.png')\">x</div>", "evil.test")]
    [InlineData("<table background=\"https://evil.test/t.png\"><tr><td>x</td></tr></table>", "evil.test")]
    [InlineData("<img src=\"//evil.test/t.png\">", "evil.test")]
    [InlineData("<img src=\"/api/messages/1/read\">", "/api/")]
    public void Sanitize_RemovesWhatCouldRunOrReachOut(string html, string forbidden)
    {
        var result = Sanitize(html, allowRemoteImages: false);

        Assert.DoesNotContain(forbidden, result.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Sanitize_BlocksRemoteImagesUntilAllowed_AndCountsThem()
    {
        const string html = "<p>Hi</p><img src=\"https://tracker.test/pixel.gif\"><div style=\"background:url(http://tracker.test/bg.png)\">x</div>";

        var blocked = Sanitize(html, allowRemoteImages: false);
        var shown = Sanitize(html, allowRemoteImages: true);

        Assert.DoesNotContain("tracker.test", blocked.Html, StringComparison.Ordinal);
        Assert.Equal(2, blocked.BlockedRemoteResources);
        Assert.Contains("https://tracker.test/pixel.gif", shown.Html, StringComparison.Ordinal);
        Assert.Contains("http://tracker.test/bg.png", shown.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Sanitize_KeepsLinks_OpeningInANewTabWithoutReferrerOrOpener()
    {
        var result = Sanitize("<a href=\"https://example.test/page\">link</a>", allowRemoteImages: false);

        Assert.Contains("href=\"https://example.test/page\"", result.Html, StringComparison.Ordinal);
        Assert.Contains("target=\"_blank\"", result.Html, StringComparison.Ordinal);
        Assert.Contains("rel=\"noopener noreferrer\"", result.Html, StringComparison.Ordinal);
        Assert.Equal(0, result.BlockedRemoteResources);
    }

    [Fact]
    public void Sanitize_ResolvesCidReferences_ThroughTheMessagesOwnParts()
    {
        var result = MailHtmlSanitizer.Sanitize(
            "<img src=\"cid:logo@x\"><img src=\"cid:missing\">",
            cid => cid == "logo@x" ? "data:image/png;base64,AAAA" : null,
            allowRemoteImages: false);

        Assert.Contains("src=\"data:image/png;base64,AAAA\"", result.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("cid:", result.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Sanitize_KeepsMailStyling()
    {
        var result = Sanitize("<style>p { color: #c00; }</style><table><tr><td style=\"color: blue\">x</td></tr></table>", allowRemoteImages: false);

        Assert.True(result.Html.Contains("<style>", StringComparison.Ordinal), result.Html);
        Assert.Contains("<td style=\"color: rgba(0, 0, 255", result.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Sanitize_KeepsOnlyImageDataUrls()
    {
        var result = Sanitize("<img src=\"data:image/png;base64,AAAA\"><img src=\"data:image/svg+xml,<svg onload=alert(1)>\">", allowRemoteImages: false);

        Assert.Contains("data:image/png;base64,AAAA", result.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("svg", result.Html, StringComparison.OrdinalIgnoreCase);
    }

    private static SanitizedHtml Sanitize(string html, bool allowRemoteImages) =>
        MailHtmlSanitizer.Sanitize(html, _ => null, allowRemoteImages);
}
