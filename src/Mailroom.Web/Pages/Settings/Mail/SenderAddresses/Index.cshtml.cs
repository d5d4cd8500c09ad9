using Mailroom.SenderAddresses;
using Mailroom.Sending;
using Mailroom.Web.SenderAddresses;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages.Settings.Mail.SenderAddresses;

/// <summary>
/// Settings » Mail » Send Mail As: every address with its route, Reply-To and status; Verify (a dialog that takes the
/// emailed code), Resend, and a flag when the saved SMTP password was refused.
/// </summary>
internal sealed class IndexModel(SenderAddressService addresses, AddressVerification verification, SmtpRouteTransport transport) : PageModel
{
    public IReadOnlyList<SenderAddressSummary> Addresses { get; private set; } = [];

    /// <summary>The code typed in the Verify dialog. A bound property, not a handler argument: Razor Pages logs handler arguments at trace level.</summary>
    [BindProperty]
    public string? Code { get; set; }

    public IReadOnlyList<string> Notices { get; private set; } = [];

    public bool RelayWritesToOutbox => transport.RelayWritesToOutbox;

    /// <summary>A dialog to show open again (a wrong code), with its message.</summary>
    public (Guid AddressId, VerificationTarget Target, string Message)? OpenDialog { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (TempData[SenderAddressFormPageModel.NoticesKey] is string notices)
        {
            Notices = notices.Split('\n');
        }

        Addresses = await addresses.ListAsync(User.GetUserId(), cancellationToken);
    }

    public async Task<IActionResult> OnPostVerifyAsync(Guid id, VerificationTarget target, CancellationToken cancellationToken)
    {
        var result = await verification.CheckCodeAsync(User.GetUserId(), id, target, Code, cancellationToken);
        if (result.Status == CodeCheckStatus.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            return Done(result.Message);
        }

        OpenDialog = (id, target, result.Message);
        await OnGetAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostResendAsync(Guid id, VerificationTarget target, CancellationToken cancellationToken)
    {
        var result = await verification.ResendAsync(User.GetUserId(), id, target, VerificationLinkBase.ConfirmationPage(Request), cancellationToken);
        return result.Status == ResendStatus.NotFound ? NotFound() : Done(result.Message);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken) =>
        await addresses.DeleteAsync(User.GetUserId(), id, cancellationToken) ? Done("The address was removed.") : NotFound();

    private RedirectToPageResult Done(string notice)
    {
        TempData[SenderAddressFormPageModel.NoticesKey] = notice;
        return RedirectToPage();
    }
}
