using Mailroom.Accounts;
using Mailroom.Accounts.Providers;
using Mailroom.Network;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages.Settings.Mail.Accounts;

/// <summary>
/// What the add and edit pages share: Test Account without saving, provider prefill, and saving only what was tested.
/// Without JavaScript every button is a plain form post; the tested password travels between posts only inside the
/// encrypted approval token, never as text in the page.
/// </summary>
[Authorize]
internal abstract class AccountFormPageModel(Pop3AccountService accounts, KnownProviderDirectory providers) : PageModel
{
    [BindProperty]
    public AccountForm Input { get; set; } = new();

    public Pop3ServerReport? TestReport { get; private set; }

    public ConnectionVerdict? Verdict { get; private set; }

    public string? Notice { get; private set; }

    public KnownProvider? Provider => providers.FindByAddress(Input.EmailAddress);

    public IReadOnlyList<KnownProvider> KnownProviders => providers.All;

    /// <summary>The account being edited; null on the add page.</summary>
    public abstract Guid? AccountId { get; }

    /// <summary>A new account needs a successful test first; an edit may save untouched connection settings.</summary>
    public bool SaveEnabled => AccountId is not null || Input.ApprovalToken is not null;

    protected Pop3AccountService Accounts => accounts;

    protected string Owner => User.GetUserId();

    public virtual async Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        Input.ApprovalToken = null;
        if (string.IsNullOrWhiteSpace(Input.Host) && Provider is { OffersPop3: true } provider)
        {
            Input.Host = provider.Host!;
            Input.Port = provider.Port!.Value;
            Input.UseSsl = provider.UseSsl!.Value;
            Notice = $"Mailroom filled in the server settings for {provider.Name}. Check them and press Test Account.";
            return Page();
        }

        var outcome = await accounts.TestAsync(Owner, AccountId, Input.ToInput(), cancellationToken);
        switch (outcome.Status)
        {
            case AccountTestStatus.NotFound:
                return NotFound();
            case AccountTestStatus.Invalid:
                AddErrors(outcome.Errors);
                break;
            case AccountTestStatus.Succeeded:
                TestReport = outcome.Report;
                Input.ApprovalToken = outcome.ApprovalToken;
                break;
            default:
                Verdict = outcome.Verdict;
                break;
        }

        return Page();
    }

    protected void AddErrors(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                ModelState.AddModelError($"{nameof(Input)}.{field}", message);
            }
        }
    }

    protected void ClearPostedValues() => ModelState.Clear();
}
