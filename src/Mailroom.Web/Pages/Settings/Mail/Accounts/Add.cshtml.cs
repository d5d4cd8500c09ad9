using Mailroom.Accounts;
using Mailroom.Accounts.Providers;
using Microsoft.AspNetCore.Mvc;

namespace Mailroom.Web.Pages.Settings.Mail.Accounts;

internal sealed class AddModel(Pop3AccountService accounts, KnownProviderDirectory providers) : AccountFormPageModel(accounts, providers)
{
    public override Guid? AccountId => null;

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        ClearPostedValues();
        var result = await Accounts.CreateAsync(Owner, Input.ToInput(), Input.ApprovalToken, cancellationToken);
        if (result.Status == AccountChangeStatus.Saved)
        {
            TempData["Saved"] = $"{result.Account!.DisplayName} was added. Mailroom will start fetching its mail shortly.";

            // Issue 6: once the incoming server works, the user is prompted for the outgoing details.
            return RedirectToPage("/Settings/Mail/SenderAddresses/Setup", new { account = result.Account.Id });
        }

        if (result.Status == AccountChangeStatus.TestRequired)
        {
            Input.ApprovalToken = null;
        }

        AddErrors(result.Errors);
        return Page();
    }
}
