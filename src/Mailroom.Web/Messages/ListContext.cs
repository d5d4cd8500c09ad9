using Microsoft.AspNetCore.Http.Extensions;

namespace Mailroom.Web.Messages;

/// <summary>
/// The list a message was opened from (account, folder, search, page) travels in the query string, so that Back,
/// reload and the browser's history all land on the same list.
/// </summary>
internal static class ListContext
{
    private static readonly string[] Keys = ["account", "folder", "q", "tz", "partial", "after", "before"];

    public static string From(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var builder = new QueryBuilder();
        foreach (var key in Keys)
        {
            if (query.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value))
            {
                builder.Add(key, value.ToString());
            }
        }

        return builder.ToQueryString().Value ?? "";
    }
}
