using Mailroom.Web.Api.Messages;
using MimeKit;

namespace Mailroom.Web.Api;

/// <summary>Turns a stored recipients summary ("Name &lt;a@b&gt;, c@d") into the array of addresses the API always answers with.</summary>
internal static class AddressLists
{
    public static IReadOnlyList<Address> Parse(string recipients)
    {
        if (string.IsNullOrWhiteSpace(recipients) || !InternetAddressList.TryParse(recipients, out var list))
        {
            return [];
        }

        return [.. list.Mailboxes.Select(m => new Address(m.Name ?? "", m.Address))];
    }
}
