using Mailroom.Data;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Web.Shell;

/// <summary>The left pane of the mail shell: "All mail" and the signed-in user's POP3 accounts (only theirs).</summary>
public sealed class MailboxNavViewComponent(MailroomDbContext db) : ViewComponent
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
        return View(new MailboxNavModel(onMailPage && selected is null, accounts));
    }
}
