using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Mailroom.Clients;

/// <summary>Checks a client's fields; errors are keyed by field name (name, externalId, emails, domains) in words a user understands.</summary>
internal static partial class ClientInputValidator
{
    public const int NameLength = 200;
    public const int ExternalIdLength = 200;
    public const int AddressLength = 320;
    public const int MaxAddresses = 200;

    public static ValidClient? Validate(ClientInput input, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(errors);
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors["name"] = ["Enter the client's name."];
        }
        else if (name.Length > NameLength)
        {
            errors["name"] = [$"The name can have at most {NameLength} characters."];
        }

        var externalId = string.IsNullOrWhiteSpace(input.ExternalId) ? null : input.ExternalId.Trim();
        if (externalId is { Length: > ExternalIdLength })
        {
            errors["externalId"] = [$"The external id can have at most {ExternalIdLength} characters."];
        }

        var emails = Clean(input.Emails);
        var emailErrors = emails.Where(e => !IsEmail(e)).Select(e => $"\"{e}\" is not an email address (like name@company.com).").ToList();
        var domains = Clean(input.Domains).Select(d => d.TrimStart('@').TrimEnd('.')).Distinct(StringComparer.Ordinal).ToList();
        var domainErrors = new List<string>();
        foreach (var domain in domains)
        {
            if (!IsDomain(domain))
            {
                domainErrors.Add($"\"{domain}\" is not a domain name (like company.com).");
            }
            else if (FreeMailDomains.Contains(domain))
            {
                domainErrors.Add($"{domain} is a free mail provider: anyone can have an address there, so its whole domain cannot stand for one client. Add the client's own addresses at {domain} under emails instead.");
            }
        }

        if (emails.Count + domains.Count > MaxAddresses)
        {
            emailErrors.Add($"A client can have at most {MaxAddresses} email addresses and domains together.");
        }

        if (emailErrors.Count > 0)
        {
            errors["emails"] = [.. emailErrors];
        }

        if (domainErrors.Count > 0)
        {
            errors["domains"] = [.. domainErrors];
        }

        return errors.Count == 0 ? new ValidClient(name, externalId, emails, domains) : null;
    }

    private static List<string> Clean(IReadOnlyList<string>? values) =>
        values is null ? [] : [.. values.Select(v => (v ?? "").Trim().ToLowerInvariant()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)];

    private static bool IsEmail(string value) =>
        value.Length <= AddressLength && MailAddress.TryCreate(value, out var parsed) && parsed.Address == value && IsDomain(parsed.Host);

    private static bool IsDomain(string value) => value.Length <= 253 && Domain().IsMatch(value);

    [GeneratedRegex(@"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$")]
    private static partial Regex Domain();
}
