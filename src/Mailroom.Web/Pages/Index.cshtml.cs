using Mailroom.Messages;
using Mailroom.Search;
using Mailroom.Web.Messages;
using Mailroom.Web.Search;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages;

/// <summary>
/// The main pane: "All mail" or one account (<c>?account=</c>), its inbox or its sent mail (<c>folder=sent</c>),
/// newest sent first, keyset-paged with <c>after</c>/<c>before</c> cursors and searchable with <c>q</c>; all of it in the URL so Back and reload work.
/// </summary>
internal sealed class IndexModel(MessageListQuery list, ReadState readState, SearchParameters searchParameters, SearchBackfillProgress backfill) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Account { get; set; }

    [BindProperty(SupportsGet = true, Name = "folder")]
    public string? FolderName { get; set; }

    public MailFolder Folder { get; private set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    /// <summary>The reader's IANA time zone, set by the search box's script, for before:/after: dates.</summary>
    [BindProperty(SupportsGet = true, Name = "tz")]
    public string? TimeZone { get; set; }

    /// <summary>Set by search-as-you-type: the last word is still being typed and matches as a prefix.</summary>
    [BindProperty(SupportsGet = true, Name = "partial")]
    public bool IsTyping { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public MessageListPage Messages { get; private set; } = new([], null, null);

    /// <summary>Display names of the user's accounts; "All mail" labels each row with its account.</summary>
    public IReadOnlyDictionary<Guid, string> AccountNames { get; private set; } = new Dictionary<Guid, string>();

    public string Title => (Account, Folder) switch
    {
        ({ } id, MailFolder.Sent) => $"{AccountNames.GetValueOrDefault(id, "Account")} · Sent",
        ({ } id, _) => AccountNames.GetValueOrDefault(id, "Account"),
        (null, MailFolder.Sent) => "Sent",
        _ => "All mail",
    };

    public bool IsSent => Folder == MailFolder.Sent;

    public bool IsSearch => !string.IsNullOrWhiteSpace(Search);

    /// <summary>The count, snippets and parsed query of a search; null when the list is not one.</summary>
    public SearchResults? Results => Messages.Search;

    /// <summary>While mail stored before search existed is still being indexed: how much of this user's is done.</summary>
    public int? IndexingPercent { get; private set; }

    /// <summary>What was searched, in words, for the header and the empty state.</summary>
    public string Searched => Results is null ? "" : SearchDescription.Of(Results.Query, SearchParameters.TimeZoneOf(TimeZone));

    public string ListQuery { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    /// <summary>The rows alone, for live.js to merge new mail into the open list.</summary>
    public async Task<IActionResult> OnGetRowsAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Partial("_MessageRows", this) : NotFound();

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var userId = User.GetUserId();
        AccountNames = await list.AccountNamesAsync(userId, cancellationToken);
        if ((Account is { } accountId && !AccountNames.ContainsKey(accountId)) || !FolderParameter.TryParse(FolderName, out var folder))
        {
            return false;
        }

        Folder = folder;
        // A cursor that does not parse (edited by hand, or from an old link) simply starts at the newest mail.
        var page = await list.ListAsync(
            new MessageListRequest(
                userId,
                Account,
                Folder,
                Search: searchParameters.Parse(Search, TimeZone, IsTyping),
                After: MessageCursor.TryParse(After, out var after) ? after : null,
                Before: MessageCursor.TryParse(Before, out var before) ? before : null),
            cancellationToken);
        if (page is null)
        {
            return false;
        }

        Messages = page;
        IndexingPercent = await backfill.PercentForAsync(userId, cancellationToken);
        ListQuery = ListContext.From(Request.Query);
        return true;
    }

    public async Task<IActionResult> OnPostMarkAsync(long[] ids, bool read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Length is > 0 and <= ReadState.MaxMessagesPerChange)
        {
            await readState.SetAsync(User.GetUserId(), ids, read, cancellationToken);
        }

        return Redirect("/" + ListContext.From(Request.Query));
    }

    /// <summary>This list with other query values (cursors are replaced, never combined).</summary>
    public string ListHref(string? after = null, string? before = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["account"] = Account?.ToString(),
            ["folder"] = FolderParameter.Of(Folder),
            ["q"] = Search,
            ["tz"] = IsSearch ? TimeZone : null,
            ["partial"] = IsSearch && IsTyping ? "true" : null,
            ["after"] = after,
            ["before"] = before,
        };
        var pairs = query.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}");
        var text = string.Join("&", pairs);
        return text.Length == 0 ? "/" : "/?" + text;
    }

    public string MessageHref(long id) => MessageUrls.Page(id) + ListQuery;

    /// <summary>This very list (same account, folder, search and page) as rows only.</summary>
    public string RowsHref()
    {
        var href = ListHref(After, Before);
        return href + (href.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=Rows";
    }
}
