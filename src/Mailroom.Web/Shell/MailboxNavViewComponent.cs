using Mailroom.Data;
using Mailroom.Messages;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Web.Shell;

/// <summary>The left pane of the mail shell: "All mail" and the signed-in user's POP3 accounts (only theirs).</summary>
public sealed class MailboxNavViewComponent(MailroomDbContext db, UnreadCounter unreadCounter) : ViewComponent
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
        var unread = await unreadCounter.CountAsync(userId, HttpContext.RequestAborted);
        return View(new MailboxNavModel(
            onMailPage && selected is null,
            [.. accounts.Select(account => account with { Unread = unread.For(account.Id) })],
            unread.Total));
    }
}
