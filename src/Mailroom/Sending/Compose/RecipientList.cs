using MimeKit;

namespace Mailroom.Sending.Compose;

/// <summary>
/// Parses what the user typed in To, Cc or Bcc: comma- or semicolon-separated addresses, with or without display
/// names. Each must be one real mailbox (local part @ a domain with a dot, or a bracketed IP literal): no groups, no bare
/// names, no line breaks that could smuggle in headers.
/// </summary>
internal static class RecipientList
{
    public const int MaxRecipients = 100;

    public static bool TryParse(string? typed, out IReadOnlyList<MailboxAddress> mailboxes, out string? error)
    {
        mailboxes = [];
        error = null;
        if (string.IsNullOrWhiteSpace(typed))
        {
            return true;
        }

        if (typed.Any(char.IsControl))
        {
            error = "Addresses cannot contain line breaks or control characters.";
            return false;
        }

        // People separate addresses with semicolons (Outlook's habit); RFC 5322 uses commas.
        if (!InternetAddressList.TryParse(ParserOptions.Default, typed.Replace(';', ','), out var parsed))
        {
            error = $"\"{typed.Trim()}\" is not a list of email addresses.";
            return false;
        }

        var found = new List<MailboxAddress>();
        foreach (var address in parsed)
        {
            if (address is not MailboxAddress mailbox || !IsDeliverable(mailbox))
            {
                error = $"\"{address}\" is not a valid email address.";
                return false;
            }

            found.Add(mailbox);
        }

        mailboxes = found;
        return true;
    }

    /// <summary>One address, e.g. a Reply-To or a Send Mail As address, without a display name.</summary>
    public static bool IsSingleAddress(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Any(char.IsControl) || typed.Contains(',', StringComparison.Ordinal) || typed.Contains(';', StringComparison.Ordinal))
        {
            return false;
        }

        return MailboxAddress.TryParse(ParserOptions.Default, typed.Trim(), out var mailbox)
            && IsDeliverable(mailbox)
            && string.IsNullOrEmpty(mailbox.Name)
            && string.Equals(mailbox.Address, typed.Trim(), StringComparison.Ordinal);
    }

    private static bool IsDeliverable(MailboxAddress mailbox)
    {
        var address = mailbox.Address;
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1 || address.Length > 320 || mailbox.Route.Count > 0)
        {
            return false;
        }

        var domain = address[(at + 1)..];
        var isIpLiteral = domain.StartsWith('[') && domain.EndsWith(']');
        return isIpLiteral || (domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.')
            && !domain.Contains("..", StringComparison.Ordinal) && domain.All(c => char.IsLetterOrDigit(c) || c is '.' or '-'));
    }
}
