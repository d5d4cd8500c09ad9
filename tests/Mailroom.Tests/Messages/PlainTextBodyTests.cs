using Mailroom.Messages;
using MimeKit;

namespace Mailroom.Tests.Messages;

public sealed class PlainTextBodyTests
{
    [Fact]
    public void Linkify_MakesWebAndMailtoLinksClickable_AndLeavesTheRestAsText()
    {
        var segments = PlainTextBody.Linkify("See https://example.test/a?b=1, or www.example.test. Mail mailto:x@example.test!");

        Assert.Equal(
            [
                new TextSegment("See "),
                new TextSegment("https://example.test/a?b=1", "https://example.test/a?b=1"),
                new TextSegment(", or "),
                new TextSegment("www.example.test", "https://www.example.test"),
                new TextSegment(". Mail "),
                new TextSegment("mailto:x@example.test", "mailto:x@example.test"),
                new TextSegment("!"),
            ],
            segments);
    }

    [Fact]
    public void Linkify_NeverLinksScriptOrDataUrls()
    {
        var segments = PlainTextBody.Linkify("javascript:alert(1) data:text/html,<b>x</b> <script>alert(1)</script>");

        Assert.All(segments, s => Assert.Null(s.Url));
    }

    [Fact]
    public void Linkify_KeepsBalancedParenthesesInUrls()
    {
        var segments = PlainTextBody.Linkify("(see https://en.example.test/wiki/A_(b))");

        Assert.Contains(segments, s => s.Url == "https://en.example.test/wiki/A_(b)");
    }

    [Fact]
    public void From_FormatFlowed_JoinsSoftBrokenLines()
    {
        var part = new TextPart("plain");
        part.ContentType.Format = "flowed";
        var text = "This is one long \r\nparagraph that was \r\nwrapped.\r\nNew line.\r\n";

        var joined = string.Concat(PlainTextBody.From(part, text).Select(s => s.Text));

        Assert.StartsWith("This is one long paragraph that was wrapped.", joined, StringComparison.Ordinal);
        Assert.Contains("\nNew line.", joined.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void From_FormatFlowedWithDelSp_DeletesTheSoftBreakSpace()
    {
        var part = new TextPart("plain");
        part.ContentType.Format = "flowed";
        part.ContentType.Parameters.Add("delsp", "yes");

        var joined = string.Concat(PlainTextBody.From(part, "Super \r\ncalifragilistic\r\n").Select(s => s.Text));

        Assert.StartsWith("Supercalifragilistic", joined, StringComparison.Ordinal);
    }
}
