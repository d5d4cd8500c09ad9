using Mailroom.Accounts;
using Mailroom.SenderAddresses;
using Mailroom.Sending;
using Microsoft.AspNetCore.Mvc;

namespace Mailroom.Web.Pages.Settings.Mail.SenderAddresses;

/// <summary>
/// Adds an address. With <c>?account={id}</c> it is the outgoing step after a POP3 account's successful test: the
/// account's address and user name are filled in, the password defaults to the incoming one, and the SMTP server is guessed.
/// Linked from the account pages after a successful incoming test and from the account's settings.
/// </summary>
internal sealed class SetupModel(SenderAddressService addresses, Pop3AccountService accounts, SmtpRouteTransport transport)
    : SenderAddressFormPageModel(addresses, accounts, transport)
{
    public override Guid? AddressId => null;

    /// <summary>Set when the page is the outgoing step of this account.</summary>
    [BindProperty(SupportsGet = true, Name = "account")]
    public Guid? ForAccount { get; set; }

    public string? AccountName { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (ForAccount is { } accountId)
        {
            // "Outgoing mail" from an account that already has its address set up opens that address instead.
            var existing = (await Addresses.ListAsync(Owner, cancellationToken)).FirstOrDefault(a => a.AccountId == accountId);
            if (existing is not null)
            {
                return Redirect($"/settings/mail/send-as/{existing.Id}/edit");
            }

            var suggestion = await Addresses.SuggestForAccountAsync(Owner, accountId, cancellationToken);
            if (suggestion is null)
            {
                return NotFound();
            }

            Input = SenderAddressForm.From(suggestion);
        }

        await LoadAccountsAsync(cancellationToken);
        AccountName = Accounts.FirstOrDefault(a => a.Id == ForAccount)?.DisplayName;
        return Page();
    }
}
