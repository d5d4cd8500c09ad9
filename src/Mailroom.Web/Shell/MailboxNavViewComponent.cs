using Mailroom.Accounts;
using Mailroom.Fetching;
using Mailroom.Messages;
using Mailroom.Web.Messages;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Mvc;

namespace Mailroom.Web.Shell;

/// <summary>
/// The left pane of the mail shell: "All mail", "Sent" and the signed-in user's POP3 accounts (only theirs);
/// the selected account also offers its own sent mail.
/// </summary>
internal sealed class MailboxNavViewComponent(Pop3AccountService accounts, FetchStatusReader fetches, UnreadCounter unreadCounter) : ViewComponent
{
    /// <param name="location">The page the pane is drawn for (path and query); the current request unless a live refresh names its page.</param>
    public async Task<IViewComponentResult> InvokeAsync(PageLocation? location = null)
    {
        var userId = HttpContext.User.GetUserId();
        var (path, query) = location ?? new PageLocation(Request.Path, Request.Query);
        Guid? selected = Guid.TryParse(query["account"], out var id) ? id : null;
        // A message opened from an account's list keeps that account selected (its link carries ?account=).
        var onMailPage = path == "/" || path.StartsWithSegments("/messages");
        var inSent = FolderParameter.TryParse(query["folder"], out var folder) && folder == MailFolder.Sent;
        // The accounts service lists only the user's own, live accounts (no tombstones), with fetch state.
        var owned = await accounts.ListAsync(userId, HttpContext.RequestAborted);
        var fetching = (await fetches.GetFetchingAsync(userId, HttpContext.RequestAborted)).ToDictionary(status => status.AccountId);
        var unread = await unreadCounter.CountAsync(userId, HttpContext.RequestAborted);
        var items = owned
            .Select(account => new MailboxNavAccount(
                account.Id, account.DisplayName, account.EmailAddress, account.Status, account.StatusReason, onMailPage && !inSent && account.Id == selected)
            {
                SentSelected = onMailPage && inSent && account.Id == selected,
                FetchPercent = fetching.TryGetValue(account.Id, out var status)
                    ? (status.BytesTotal > 0 ? (int)(status.BytesDone * 100 / status.BytesTotal) : 0)
                    : null,
                Unread = unread.For(account.Id),
                UnreadText = UnreadCounts.Display(unread.For(account.Id), unread.IsCapped(account.Id)),
            })
            .ToList();
        // "All mail" counts every account's mail, including mail kept from a deleted account.
        return View(new MailboxNavModel(
            onMailPage && !inSent && selected is null, items, unread.Total, UnreadCounts.Display(unread.Total, unread.IsTotalCapped))
        {
            AllSentSelected = onMailPage && inSent && selected is null,
        });
    }
}
