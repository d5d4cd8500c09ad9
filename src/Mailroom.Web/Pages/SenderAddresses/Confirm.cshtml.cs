using Mailroom.SenderAddresses;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mailroom.Web.Pages.SenderAddresses;

/// <summary>
/// The page a verification link opens. Opening it changes nothing (mail scanners follow links on their own); the
/// person confirms with a button. No sign-in is needed: only the mailbox received the token, and it may be read on another device.
/// </summary>
[AllowAnonymous]
internal sealed class ConfirmModel(AddressVerification verification) : PageModel
{
    [BindProperty(SupportsGet = true, Name = AddressVerification.LinkTokenParameter)]
    public string? Token { get; set; }

    public LinkResult Result { get; private set; } = new(LinkStatus.Invalid, "");

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Result = await verification.InspectLinkAsync(Token, cancellationToken);

    public async Task OnPostAsync(CancellationToken cancellationToken) =>
        Result = await verification.ConfirmLinkAsync(Token, cancellationToken);
}
