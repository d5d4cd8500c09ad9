using Microsoft.AspNetCore.WebUtilities;

namespace Mailroom.Web.Shell;

/// <summary>A page of the app by path and query: what a live refresh of a shared region (the left pane) is drawn for.</summary>
internal sealed record PageLocation(PathString Path, IQueryCollection Query)
{
    /// <summary>Parses a local URL such as <c>/?account=…&amp;folder=sent</c>; anything else (absolute, protocol-relative) is the start page.</summary>
    public static PageLocation Parse(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/' || url.StartsWith("//", StringComparison.Ordinal))
        {
            return new PageLocation("/", QueryCollection.Empty);
        }

        var queryStart = url.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? url : url[..queryStart];
        return new PageLocation(new PathString(path), new QueryCollection(QueryHelpers.ParseQuery(queryStart < 0 ? null : url[queryStart..])));
    }
}
