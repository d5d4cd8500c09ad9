using Mailroom.Search;
using Microsoft.AspNetCore.Html;

namespace Mailroom.Web.Search;

/// <summary>Highlighted text as HTML: every part encoded, the matched words in <c>&lt;mark&gt;</c>.</summary>
internal static class Highlight
{
    public static IHtmlContent Html(HighlightedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var html = new HtmlContentBuilder();
        var position = 0;
        foreach (var mark in text.Marks.Where(m => m.Start >= 0 && m.Start + m.Length <= text.Text.Length).OrderBy(m => m.Start))
        {
            if (mark.Start < position)
            {
                continue;
            }

            html.Append(text.Text[position..mark.Start]);
            html.AppendHtml("<mark>");
            html.Append(text.Text.Substring(mark.Start, mark.Length));
            html.AppendHtml("</mark>");
            position = mark.Start + mark.Length;
        }

        html.Append(text.Text[position..]);
        return html;
    }

    /// <summary>"1 result", "240 results", "More than 1,000 results".</summary>
    public static string Count(SearchResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return results.IsCountCapped
            ? $"More than {results.Count:N0} results"
            : results.Count == 1 ? "1 result" : $"{results.Count:N0} results";
    }
}
