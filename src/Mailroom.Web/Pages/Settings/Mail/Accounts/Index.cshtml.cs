using Mailroom.Accounts;
using Mailroom.Fetching;
using Mailroom.Network;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages.Settings.Mail.Accounts;

/// <summary>Settings » Mail » Mail Accounts: the user's POP3 accounts with their state, plus Fetch now, Enable and Disable.</summary>
[Authorize]
internal sealed class IndexModel(Pop3AccountService accounts, FetchRequests fetchRequests, TimeProvider time) : PageModel
{
    public IReadOnlyList<AccountSummary> Accounts { get; private set; } = [];

    /// <summary>Why Enable failed: the test of the stored settings did not pass.</summary>
    public (Guid AccountId, ConnectionVerdict Verdict)? EnableFailure { get; private set; }

    [TempData]
    public string? Saved { get; set; }

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Accounts = await accounts.ListAsync(User.GetUserId(), cancellationToken);

    public async Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = await accounts.EnableAsync(User.GetUserId(), id, cancellationToken);
        switch (outcome.Status)
        {
            case AccountTestStatus.NotFound:
                return NotFound();
            case AccountTestStatus.Succeeded:
                Saved = "The account is enabled: its settings tested fine, and Mailroom will fetch its mail again.";
                return RedirectToPage();
            case AccountTestStatus.Failed:
                EnableFailure = (id, outcome.Verdict!);
                break;
            default:
                EnableFailure = (id, new ConnectionVerdict("invalid", "password", "The stored password cannot be used",
                    string.Join(" ", outcome.Errors.SelectMany(e => e.Value)), "Edit the account and type the password again."));
                break;
        }

        Accounts = await accounts.ListAsync(User.GetUserId(), cancellationToken);
        return Page();
    }

    /// <summary>Fetch now without JavaScript; with it, the page posts to /api/accounts/{id}/fetch instead.</summary>
    public async Task<IActionResult> OnPostFetchNowAsync(Guid id, CancellationToken cancellationToken)
    {
        var account = await accounts.GetAsync(User.GetUserId(), id, cancellationToken);
        if (account is null)
        {
            return NotFound();
        }

        if (account.Status == AccountStatus.Disabled)
        {
            Saved = $"{account.DisplayName} is disabled; enable it before fetching.";
            return RedirectToPage();
        }

        await fetchRequests.RequestAsync(id, cancellationToken);
        Saved = $"Fetching {account.DisplayName} now. New mail appears in its folder as it arrives.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await accounts.DisableAsync(User.GetUserId(), id, cancellationToken))
        {
            return NotFound();
        }

        Saved = "The account is disabled. Mailroom will not fetch its mail until you enable it.";
        return RedirectToPage();
    }
}
