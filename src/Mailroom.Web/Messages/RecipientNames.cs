using MimeKit;

namespace Mailroom.Web.Messages;

/// <summary>The recipients of a sent message as a list row shows them: names where known, else addresses.</summary>
internal static class RecipientNames
{
    public static string Of(string recipients)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        // The stored summary may be cut short mid-address; then it is shown as stored.
        if (!InternetAddressList.TryParse(recipients, out var list) || !list.Mailboxes.Any())
        {
            return recipients;
        }

        return string.Join(", ", list.Mailboxes.Select(m => string.IsNullOrWhiteSpace(m.Name) ? m.Address : m.Name));
    }
}
