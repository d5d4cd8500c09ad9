using Mailroom.Accounts;
using Mailroom.Accounts.Providers;
using Microsoft.AspNetCore.Mvc;

namespace Mailroom.Web.Pages.Settings.Mail.Accounts;

internal sealed class EditModel(Pop3AccountService accounts, KnownProviderDirectory providers) : AccountFormPageModel(accounts, providers)
{
    [FromRoute]
    public Guid Id { get; set; }

    public override Guid? AccountId => Id;

    public AccountSummary? Account { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Account = await Accounts.GetAsync(Owner, Id, cancellationToken);
        if (Account is null)
        {
            return NotFound();
        }

        Input = AccountForm.From(Account);
        return Page();
    }

    public override async Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken)
    {
        Account = await Accounts.GetAsync(Owner, Id, cancellationToken);
        return Account is null ? NotFound() : await base.OnPostTestAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        ClearPostedValues();
        var result = await Accounts.UpdateAsync(Owner, Id, Input.ToInput(), Input.ApprovalToken, cancellationToken);
        switch (result.Status)
        {
            case AccountChangeStatus.NotFound:
                return NotFound();
            case AccountChangeStatus.Saved:
                TempData["Saved"] = result.Account!.State == AccountState.Disabled
                    ? $"{result.Account.DisplayName} was saved. It is still disabled: press Enable to start fetching again."
                    : $"{result.Account.DisplayName} was saved.";
                return RedirectToPage("Index");
            case AccountChangeStatus.TestRequired:
                Input.ApprovalToken = null;
                break;
        }

        Account = await Accounts.GetAsync(Owner, Id, cancellationToken);
        AddErrors(result.Errors);
        return Page();
    }
}
