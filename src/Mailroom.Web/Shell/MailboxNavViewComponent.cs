using Mailroom.Accounts;
using Mailroom.Fetching;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Mvc;

namespace Mailroom.Web.Shell;

/// <summary>The left pane of the mail shell: "All mail" and the signed-in user's POP3 accounts (only theirs).</summary>
public sealed class MailboxNavViewComponent(Pop3AccountService accounts, FetchStatusReader fetches) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = HttpContext.User.GetUserId();
        Guid? selected = Guid.TryParse(Request.Query["account"], out var id) ? id : null;
        var onMailPage = Request.Path == "/";
        // The accounts service lists only the user's own, live accounts (no tombstones), with fetch state.
        var owned = await accounts.ListAsync(userId, HttpContext.RequestAborted);
        var fetching = (await fetches.GetFetchingAsync(userId, HttpContext.RequestAborted)).ToDictionary(status => status.AccountId);
        var items = owned
            .Select(account => new MailboxNavAccount(
                account.Id, account.DisplayName, account.EmailAddress, account.Status, account.StatusReason, onMailPage && account.Id == selected)
            {
                FetchPercent = fetching.TryGetValue(account.Id, out var status)
                    ? (status.BytesTotal > 0 ? (int)(status.BytesDone * 100 / status.BytesTotal) : 0)
                    : null,
            })
            .ToList();
        return View(new MailboxNavModel(onMailPage && selected is null, items));
    }
}
