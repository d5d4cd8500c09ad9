using Mailroom.Data;
using Mailroom.Fetching;
using Mailroom.Messages;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Web.Shell;

/// <summary>The left pane of the mail shell: "All mail" and the signed-in user's POP3 accounts (only theirs).</summary>
public sealed class MailboxNavViewComponent(MailroomDbContext db, FetchStatusReader fetches, UnreadCounter unreadCounter) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = HttpContext.User.GetUserId();
        Guid? selected = Guid.TryParse(Request.Query["account"], out var id) ? id : null;
        // A message opened from an account's list keeps that account selected (its link carries ?account=).
        var onMailPage = Request.Path == "/" || Request.Path.StartsWithSegments("/messages");
        var accounts = await db.Pop3Accounts
            .AsNoTracking()
            .Where(account => account.OwnerId == userId)
            .OrderBy(account => account.DisplayName)
            .Select(account => new MailboxNavAccount(
                account.Id, account.DisplayName, account.EmailAddress, account.State, onMailPage && account.Id == selected))
            .ToListAsync(HttpContext.RequestAborted);
        var fetching = (await fetches.GetFetchingAsync(userId, HttpContext.RequestAborted)).ToDictionary(status => status.AccountId);
        var unread = await unreadCounter.CountAsync(userId, HttpContext.RequestAborted);
        accounts = [.. accounts.Select(account => account with
        {
            Unread = unread.For(account.Id),
            UnreadText = UnreadCounts.Display(unread.For(account.Id), unread.IsCapped(account.Id)),
            FetchPercent = fetching.TryGetValue(account.Id, out var status)
                ? status.BytesTotal > 0 ? (int)(status.BytesDone * 100 / status.BytesTotal) : 0
                : null,
        })];
        return View(new MailboxNavModel(
            onMailPage && selected is null, accounts, unread.Total, UnreadCounts.Display(unread.Total, unread.IsTotalCapped)));
    }
}
