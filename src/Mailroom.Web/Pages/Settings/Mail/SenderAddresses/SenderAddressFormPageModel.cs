using Mailroom.Accounts;
using Mailroom.Network;
using Mailroom.SenderAddresses;
using Mailroom.Sending;
using Mailroom.Web.SenderAddresses;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages.Settings.Mail.SenderAddresses;

/// <summary>
/// What the setup and edit pages share: Test (connect, TLS, sign in; never sends) and Save, which tests own-server settings
/// again and saves only when they work. Every button is a plain form post, so the page works without JavaScript.
/// </summary>
internal abstract class SenderAddressFormPageModel(SenderAddressService addresses, Pop3AccountService accounts, SmtpRouteTransport transport) : PageModel
{
    public const string NoticesKey = "SendAs.Notices";

    [BindProperty]
    public SenderAddressForm Input { get; set; } = new();

    public SmtpTestResult? TestResult { get; private set; }

    public ConnectionVerdict? Verdict { get; private set; }

    public IReadOnlyList<AccountSummary> Accounts { get; private set; } = [];

    /// <summary>Mailroom's SMTP only writes .eml files to the outbox folder (no relay configured); the form says so.</summary>
    public bool RelayWritesToOutbox => transport.RelayWritesToOutbox;

    /// <summary>The address being edited; null when adding.</summary>
    public abstract Guid? AddressId { get; }

    /// <summary>Whether a blank password means one Mailroom already has: the saved one (edit) or the linked account's incoming one.</summary>
    public bool HasSavedPassword { get; private set; }

    protected SenderAddressService Addresses => addresses;

    protected string Owner => User.GetUserId();

    public async Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        await LoadAccountsAsync(cancellationToken);
        var outcome = await addresses.TestAsync(Owner, AddressId, Input.ToInput(), cancellationToken);
        switch (outcome.Status)
        {
            case SmtpRouteTestStatus.NotFound:
                return NotFound();
            case SmtpRouteTestStatus.Invalid:
                AddErrors(outcome.Errors!);
                break;
            case SmtpRouteTestStatus.Succeeded:
                TestResult = outcome.Result;
                break;
            default:
                Verdict = outcome.Verdict;
                break;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await addresses.SaveAsync(Owner, AddressId, Input.ToInput(), VerificationLinkBase.ConfirmationPage(Request), cancellationToken);
        switch (result.Status)
        {
            case SenderAddressSaveStatus.NotFound:
                return NotFound();
            case SenderAddressSaveStatus.Saved:
                TempData[NoticesKey] = string.Join("\n", [$"{result.Address!.Address} saved.", .. result.Notices ?? []]);
                return RedirectToPage("/Settings/Mail/SenderAddresses/Index");
            case SenderAddressSaveStatus.Invalid:
                AddErrors(result.Errors!);
                break;
            default:
                Verdict = result.Verdict;
                break;
        }

        await LoadAccountsAsync(cancellationToken);
        return Page();
    }

    protected async Task LoadAccountsAsync(CancellationToken cancellationToken)
    {
        Accounts = await accounts.ListAsync(Owner, cancellationToken);
        var saved = AddressId is { } id ? await addresses.GetAsync(Owner, id, cancellationToken) : null;
        HasSavedPassword = saved?.HasSmtpPassword == true || Input.AccountId is not null;
    }

    private void AddErrors(IReadOnlyDictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                ModelState.AddModelError($"{nameof(Input)}.{field}", message);
            }
        }
    }
}
