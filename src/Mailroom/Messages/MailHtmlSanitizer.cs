using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ganss.Xss;

namespace Mailroom.Messages;

/// <summary>
/// HtmlSanitizer tuned for mail (its defaults keep forms and remote images, and drop <c>&lt;style&gt;</c>, cid: and data:): keeps <c>&lt;style&gt;</c>, drops forms, turns
/// <c>cid:</c> references into data: URLs from the message's own parts, and blocks every remote resource unless the
/// user asked to show images. Links survive and open in a new tab without a referrer or an opener.
/// This is the first layer; the page that shows the result adds a sandboxed frame and a strict CSP.
/// </summary>
internal static partial class MailHtmlSanitizer
{
    /// <summary>An inline image larger than this is not embedded (it stays downloadable as an attachment).</summary>
    public const long MaxInlineImageBytes = 8 * 1024 * 1024;

    private static readonly string[] RemovedTags = ["form", "input", "button", "select", "option", "optgroup", "textarea", "fieldset", "legend", "label"];

    private static readonly string[] SafeDataImageTypes = ["data:image/png", "data:image/jpeg", "data:image/jpg", "data:image/gif", "data:image/webp", "data:image/bmp"];

    public static SanitizedHtml Sanitize(string html, Func<string, string?> resolveContentId, bool allowRemoteImages)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(resolveContentId);
        var blocked = 0;
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Add("style");
        foreach (var tag in RemovedTags)
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("cid");
        sanitizer.AllowedSchemes.Add("data");
        sanitizer.AllowedAttributes.Remove("id");
        sanitizer.FilterUrl += (_, e) =>
        {
            e.SanitizedUrl = FilterUrl(e.Tag, e.OriginalUrl, e.SanitizedUrl, resolveContentId, allowRemoteImages, out var wasRemote);
            if (wasRemote && e.SanitizedUrl is null)
            {
                blocked++;
            }
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { TagName: "A" } anchor)
            {
                anchor.SetAttribute("target", "_blank");
                anchor.SetAttribute("rel", "noopener noreferrer");
            }

            if (!allowRemoteImages && e.Node is IElement styled && styled.GetAttribute("style") is { } style && RemoteStyleReference().IsMatch(style))
            {
                styled.SetAttribute("style", RemoteStyleReference().Replace(style, _ =>
                {
                    blocked++;
                    return "none";
                }));
            }
        };

        var document = sanitizer.SanitizeDocument(html);
        if (!allowRemoteImages)
        {
            // FilterUrl sees url(...) only; image-set("https://…" 1x) and similar string references in <style> blocks
            // would still be fetched. The reference becomes "none", which makes the declaration invalid and inert.
            document = StyleBlock().Replace(document, block => RemoteStyleReference().Replace(block.Value, _ =>
            {
                blocked++;
                return "none";
            }));
        }

        return new SanitizedHtml(document, blocked);
    }

    [GeneratedRegex(@"<style\b[^>]*>.*?</style>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex StyleBlock();

    /// <summary>A quoted string or url(...) that starts with http:, https: or // (CSS escapes are already decoded by the sanitizer's parser).</summary>
    [GeneratedRegex(@"url\(\s*[""']?\s*(?:https?:|//)[^)]*\)|""\s*(?:https?:|//)[^""]*""|'\s*(?:https?:|//)[^']*'", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteStyleReference();

    private static string? FilterUrl(
        IElement? element, string original, string? sanitized, Func<string, string?> resolveContentId, bool allowRemote, out bool wasRemote)
    {
        wasRemote = false;
        if (sanitized is null)
        {
            return null;
        }

        var url = sanitized.Trim();
        var isRemote = url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("//", StringComparison.Ordinal);

        // A link's own href is followed only on a click, in a new tab; anything else remote is a fetch the sender sees.
        if (element is { TagName: "A" } && string.Equals(element.GetAttribute("href")?.Trim(), original.Trim(), StringComparison.Ordinal))
        {
            return isRemote || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? url : null;
        }

        if (url.StartsWith("cid:", StringComparison.OrdinalIgnoreCase))
        {
            return resolveContentId(Uri.UnescapeDataString(url[4..]));
        }

        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return SafeDataImageTypes.Any(prefix => url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) ? url : null;
        }

        if (isRemote)
        {
            wasRemote = true;
            return allowRemote ? url : null;
        }

        return null;
    }
}
