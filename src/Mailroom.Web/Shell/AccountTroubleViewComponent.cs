using Mailroom.Accounts;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Mvc;

namespace Mailroom.Web.Shell;

/// <summary>
/// Banners over a mail list for accounts that stopped fetching or keep failing: over the account's own mail, and over
/// All mail for every account, each with the one action that fixes it. Redrawn live (<c>/live/trouble</c>).
/// </summary>
internal sealed class AccountTroubleViewComponent(AccountTroubles troubles) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid? accountId)
    {
        var found = await troubles.ListAsync(HttpContext.User.GetUserId(), accountId, HttpContext.RequestAborted);
        return View(new AccountTroubleModel(accountId, found));
    }
}

internal sealed record AccountTroubleModel(Guid? AccountId, IReadOnlyList<AccountTrouble> Troubles)
{
    public string LiveUrl => AccountId is { } id ? $"/live/trouble?account={id}" : "/live/trouble";

    public static string EditHref(AccountTrouble trouble)
    {
        ArgumentNullException.ThrowIfNull(trouble);
        return trouble.Kind == AccountTroubleKind.DisabledByOwner
            ? "/settings/mail/accounts"
            : $"/settings/mail/accounts/{trouble.AccountId}/edit{(trouble.Kind == AccountTroubleKind.PasswordRefused ? "#Input_Password" : "")}";
    }
}
