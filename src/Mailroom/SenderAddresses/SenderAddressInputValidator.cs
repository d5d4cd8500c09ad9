using Mailroom.Sending.Compose;

namespace Mailroom.SenderAddresses;

/// <summary>Field-by-field checks with messages the form shows next to each field.</summary>
internal static class SenderAddressInputValidator
{
    public static Dictionary<string, string[]> Validate(SenderAddressInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>();
        if (!RecipientList.IsSingleAddress(input.Address))
        {
            errors[nameof(input.Address)] = ["Enter one email address, like name@example.com."];
        }

        if (input.DisplayName is { Length: > 200 } || (input.DisplayName ?? "").Any(char.IsControl))
        {
            errors[nameof(input.DisplayName)] = ["The name can be at most 200 characters, on one line."];
        }

        if (!string.IsNullOrWhiteSpace(input.ReplyTo) && !RecipientList.IsSingleAddress(input.ReplyTo))
        {
            errors[nameof(input.ReplyTo)] = ["Enter one email address for Reply-To, or leave it empty."];
        }

        if (!Enum.IsDefined(input.Route))
        {
            errors[nameof(input.Route)] = ["Choose how mail from this address is sent."];
        }

        if (input.Route != SendingRoute.OwnServer)
        {
            return errors;
        }

        var host = input.SmtpHost?.Trim() ?? "";
        if (host.Length == 0 || host.Length > 253 || host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or ':' or '@'))
        {
            errors[nameof(input.SmtpHost)] = ["Enter the outgoing (SMTP) server name, like smtp.example.com."];
        }

        if (input.SmtpPort is < 1 or > 65535)
        {
            errors[nameof(input.SmtpPort)] = ["Enter a port between 1 and 65535 (usually 465 or 587)."];
        }

        if (!Enum.IsDefined(input.SmtpSecurity))
        {
            errors[nameof(input.SmtpSecurity)] = ["Choose SSL/TLS or STARTTLS."];
        }

        if (input.SmtpUserName is { Length: > 320 } || (input.SmtpUserName ?? "").Any(char.IsControl))
        {
            errors[nameof(input.SmtpUserName)] = ["The user name can be at most 320 characters, on one line."];
        }

        if (input.SmtpPassword is { Length: > 1000 })
        {
            errors[nameof(input.SmtpPassword)] = ["The password can be at most 1000 characters."];
        }
        else if ((input.SmtpPassword ?? "").Any(char.IsControl))
        {
            errors[nameof(input.SmtpPassword)] = ["The password cannot contain line breaks or control characters."];
        }

        return errors;
    }
}
