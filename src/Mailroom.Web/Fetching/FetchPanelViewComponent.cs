using Mailroom.Accounts;
using Mailroom.Fetching;
using Mailroom.Web.Api.Fetching;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Mvc;

namespace Mailroom.Web.Fetching;

/// <summary>
/// The fetch block of an account's page: progress bar (polled from /api/accounts/{id}/fetch while a fetch runs),
/// the Fetch now button, and the history of the last runs with any messages left on the server.
/// Include it with <c>@await Component.InvokeAsync("FetchPanel", new { accountId = Model.Account.Id })</c>.
/// </summary>
internal sealed class FetchPanelViewComponent(Pop3AccountService accounts, FetchStatusReader reader) : ViewComponent
{
    private const int HistoryShown = 10;

    public async Task<IViewComponentResult> InvokeAsync(Guid accountId)
    {
        var userId = HttpContext.User.GetUserId();
        var cancellationToken = HttpContext.RequestAborted;
        if (await accounts.FindStateAsync(userId, accountId, cancellationToken) is null)
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
}
