using Mailroom.Data;
using Mailroom.Fetching;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Web.Shell;

/// <summary>The left pane of the mail shell: "All mail" and the signed-in user's POP3 accounts (only theirs).</summary>
public sealed class MailboxNavViewComponent(MailroomDbContext db, FetchStatusReader fetches) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = HttpContext.User.GetUserId();
        Guid? selected = Guid.TryParse(Request.Query["account"], out var id) ? id : null;
        var onMailPage = Request.Path == "/";
        var accounts = await db.Pop3Accounts
            .AsNoTracking()
            .Where(account => account.OwnerId == userId)
            .OrderBy(account => account.DisplayName)
            .Select(account => new MailboxNavAccount(
                account.Id, account.DisplayName, account.EmailAddress, account.State, onMailPage && account.Id == selected))
            .ToListAsync(HttpContext.RequestAborted);
        var fetching = (await fetches.GetFetchingAsync(userId, HttpContext.RequestAborted)).ToDictionary(status => status.AccountId);
        accounts = [.. accounts.Select(account => fetching.TryGetValue(account.Id, out var status)
            ? account with { FetchPercent = status.BytesTotal > 0 ? (int)(status.BytesDone * 100 / status.BytesTotal) : 0 }
            : account)];
        return View(new MailboxNavModel(onMailPage && selected is null, accounts));
    }
}
