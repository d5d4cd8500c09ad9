using Mailroom.Data;
using Mailroom.Fetching;
using Mailroom.Web.Api.Fetching;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Web.Fetching;

/// <summary>
/// The fetch block of an account's page: progress bar (polled from /api/accounts/{id}/fetch while a fetch runs),
/// the Fetch now button, and the history of the last runs with any messages left on the server.
/// Include it with <c>@await Component.InvokeAsync("FetchPanel", new { accountId = Model.Account.Id })</c>.
/// </summary>
internal sealed class FetchPanelViewComponent(MailroomDbContext db, FetchStatusReader reader) : ViewComponent
{
    private const int HistoryShown = 10;

    public async Task<IViewComponentResult> InvokeAsync(Guid accountId)
    {
        var userId = HttpContext.User.GetUserId();
        var cancellationToken = HttpContext.RequestAborted;
        var owned = await db.Pop3Accounts.AsNoTracking().AnyAsync(a => a.Id == accountId && a.OwnerId == userId, cancellationToken);
        if (!owned)
        {
            return Content("");
        }

        var status = await reader.GetStatusAsync(accountId, cancellationToken);
        var history = await reader.GetHistoryAsync(accountId, HistoryShown, cancellationToken);
        var skipped = await reader.GetSkippedAsync(accountId, HistoryShown, cancellationToken);
        return View(new FetchPanelModel(
            accountId,
            status is null ? FetchStatusResponse.NotScheduled(accountId) : FetchStatusResponse.From(status),
            history,
            skipped));
    }
}

internal sealed record FetchPanelModel(Guid AccountId, FetchStatusResponse Status, IReadOnlyList<FetchRun> History, IReadOnlyList<UidLedgerEntry> Skipped)
{
    public string StatusUrl => $"/api/accounts/{AccountId}/fetch";

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024.0 * 1024):0.#} MB",
    };
}
