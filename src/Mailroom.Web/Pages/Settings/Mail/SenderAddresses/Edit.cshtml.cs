using Mailroom.Accounts;
using Mailroom.SenderAddresses;
using Mailroom.Sending;
using Microsoft.AspNetCore.Mvc;

namespace Mailroom.Web.Pages.Settings.Mail.SenderAddresses;

internal sealed class EditModel(SenderAddressService addresses, Pop3AccountService accounts, SmtpRouteTransport transport)
    : SenderAddressFormPageModel(addresses, accounts, transport)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public override Guid? AddressId => Id;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var address = await Addresses.GetAsync(Owner, Id, cancellationToken);
        if (address is null)
        {
            return NotFound();
        }

        Input = SenderAddressForm.From(address);
        await LoadAccountsAsync(cancellationToken);
        return Page();
    }
}
