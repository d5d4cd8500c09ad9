using System.Text.RegularExpressions;
using Mailroom.Messages;

namespace Mailroom.Tests.Messages;

/// <summary>The engine half of the reading acceptance: every corpus message parses and builds; the browser tests do the rest.</summary>
public sealed partial class CorpusTests
{
    private static readonly DateTimeOffset FetchedAt = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Hostile() => Files("Hostile");

    public static TheoryData<string> Malformed() => Files("Malformed");

    [Theory]
    [MemberData(nameof(Hostile))]
    public void HostileMessage_SanitisedHtml_HasNoScriptAndNoRemoteFetch(string file)
    {
        var raw = File.ReadAllBytes(file);

        var view = MessageViewBuilder.Build(raw, MessageSummaryParser.Parse(raw, FetchedAt).SentAt, allowRemoteImages: false);
        var html = view.Html?.Html ?? "";

        Assert.DoesNotMatch(PayloadInMarkup(), html);
        Assert.DoesNotMatch(ScriptOrFrame(), html);
        Assert.DoesNotMatch(RemoteFetch(), html);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void HostileMessage_WithImagesShown_StillRunsNothing(string file)
    {
        var raw = File.ReadAllBytes(file);

        var html = MessageViewBuilder.Build(raw, FetchedAt, allowRemoteImages: true).Html?.Html ?? "";

        Assert.DoesNotMatch(PayloadInMarkup(), html);
        Assert.DoesNotMatch(ScriptOrFrame(), html);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedMessage_ParsesAndBuilds_ShowingSomething(string file)
    {
        var raw = File.ReadAllBytes(file);

        var summary = MessageSummaryParser.Parse(raw, FetchedAt);
        var view = MessageViewBuilder.Build(raw, summary.SentAt, allowRemoteImages: false);

        Assert.Equal(raw.LongLength, summary.Size);
        Assert.True(view.Text is not null || view.Html is not null || view.Attachments.Count > 0 || view.Notes.Count > 0);
        Assert.All(view.Attachments, a => Assert.NotNull(Attachments.Open(raw, a.Index)));
    }

    private static TheoryData<string> Files(string corpus) =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus", corpus), "*.eml").Order(StringComparer.Ordinal)];

    // Anything the browser would fetch by itself: src, background, poster, srcset, CSS url(), @import.
    [GeneratedRegex(@"(src|background|poster|srcset|data)\s*=\s*[""']?\s*(https?:)?//|url\(\s*[""']?\s*(https?:)?//|@import", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteFetch();

    // A payload left as visible text (e.g. undecodable UTF-7) is inert; inside a tag or a style it is not.
    [GeneratedRegex(@"<[^>]*(__pwned|alert\()|<style[^<]*(__pwned|alert\()", RegexOptions.IgnoreCase)]
    private static partial Regex PayloadInMarkup();

    [GeneratedRegex(@"<\s*(script|iframe|object|embed|frame|meta|base|link|form)\b|\son\w+\s*=|javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrFrame();
}
