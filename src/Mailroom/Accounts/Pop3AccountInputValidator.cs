using System.Net.Mail;

namespace Mailroom.Accounts;

/// <summary>Checks a submitted account; messages are keyed by <see cref="Pop3AccountInput"/> property names and say how to fix the field.</summary>
internal static class Pop3AccountInputValidator
{
    public const int MaxDeleteAfterDays = 3650;

    public static Dictionary<string, string[]> Validate(Pop3AccountInput input, bool passwordRequired)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        if (string.IsNullOrWhiteSpace(input.DisplayName))
        {
            Fail(nameof(input.DisplayName), "Enter a display name, for example \"Work\".");
        }
        else if (input.DisplayName.Trim().Length > 200)
        {
            Fail(nameof(input.DisplayName), "Keep the display name under 200 characters.");
        }
        else if (input.DisplayName.Any(char.IsControl))
        {
            Fail(nameof(input.DisplayName), "Keep the display name on one line, without line breaks or control characters.");
        }

        var address = input.EmailAddress?.Trim() ?? "";
        if (address.Length > 320 || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
        {
            Fail(nameof(input.EmailAddress), "Enter the account's email address, for example name@example.com.");
        }

        var host = input.Host?.Trim().TrimEnd('.') ?? "";
        if (host.Length is 0 or > 253 || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            Fail(nameof(input.Host), "Enter the incoming (POP3) server name, for example pop.example.com.");
        }

        if (input.Port is < 1 or > 65535)
        {
            Fail(nameof(input.Port), "Enter a port between 1 and 65535 (usually 995 with SSL, 110 without).");
        }

        if (input.EffectiveUserName.Length is 0 or > 320)
        {
            Fail(nameof(input.UserName), "Enter the user name for the mail server (often the email address).");
        }
        else if (input.EffectiveUserName.Any(char.IsControl))
        {
            // Each POP3 command is one line (RFC 1939): a line break would let the rest run as commands of its own.
            Fail(nameof(input.UserName), "The user name cannot contain line breaks or control characters.");
        }

        if (passwordRequired && !input.HasNewPassword)
        {
            Fail(nameof(input.Password), "Enter the password for the mail server.");
        }
        else if (input.Password is { Length: > 1024 })
        {
            Fail(nameof(input.Password), "The password is too long.");
        }
        else if ((input.Password ?? "").Any(char.IsControl))
        {
            Fail(nameof(input.Password), "The password cannot contain line breaks or control characters.");
        }

        if (!Enum.IsDefined(input.AfterRetrieval))
        {
            Fail(nameof(input.AfterRetrieval), "Choose what happens to messages on the server after retrieval.");
        }
        else if (input.AfterRetrieval == RetrievalPolicy.DeleteAfterDays && input.DeleteAfterDays is not (>= 1 and <= MaxDeleteAfterDays))
        {
            Fail(nameof(input.DeleteAfterDays), $"Enter after how many days to delete messages from the server (1 to {MaxDeleteAfterDays}).");
        }

        return errors;
    }
}
