using System.Globalization;
using Mailroom.Accounts;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages.Settings.Mail.Accounts;

/// <summary>Deleting an account asks first what happens to the mail already fetched from it.</summary>
[Authorize]
internal sealed class DeleteModel(Pop3AccountService accounts) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty]
    public FetchedMailOnDelete? FetchedMail { get; set; }

    public AccountSummary? Account { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Account = await accounts.GetAsync(User.GetUserId(), Id, cancellationToken);
        return Account is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Account = await accounts.GetAsync(User.GetUserId(), Id, cancellationToken);
        if (Account is null)
        {
            return NotFound();
        }

        if (FetchedMail is not { } choice)
        {
            ModelState.AddModelError(nameof(FetchedMail), "Choose whether to keep or remove the mail already fetched.");
            return Page();
        }

        await accounts.DeleteAsync(User.GetUserId(), Id, choice, cancellationToken);
        TempData["Saved"] = DeletedNotice(Account.DisplayName, Account.MessageCount, choice);
        return RedirectToPage("Index");
    }

    /// <summary>What the accounts list says after a delete, in singular or plural as the count asks.</summary>
    public static string DeletedNotice(string displayName, int messageCount, FetchedMailOnDelete choice)
    {
        var messages = messageCount == 1 ? "1 fetched message" : $"{messageCount.ToString("N0", CultureInfo.InvariantCulture)} fetched messages";
        return choice == FetchedMailOnDelete.Keep
            ? $"{displayName} was deleted. Its {messages} {(messageCount == 1 ? "stays" : "stay")} in your mail."
            : $"{displayName} was deleted together with its {messages}.";
    }
}
