using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Mailroom.Accounts;

/// <summary>
/// Proof that one user's Test Account succeeded with exactly these settings, a short while ago. The token is
/// Data Protection ciphertext (encrypted and authenticated), bound to the user by a sub-purpose, and carries the
/// tested settings including the password: the add form keeps it in a hidden field so that a form post can save
/// without the password ever being echoed into the page in clear. Saving compares the submitted settings with the
/// token's; any difference means the settings were not tested and must be tested again.
/// </summary>
internal sealed class TestApprovals(IDataProtectionProvider dataProtection, TimeProvider time, IOptionsMonitor<AccountsOptions> options)
{
    public const string Purpose = "Mailroom.Accounts.TestApproval.v1";

    public string Issue(string ownerId, Pop3ConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var expiresAt = time.GetUtcNow() + options.CurrentValue.TestApprovalLifetime;
        var payload = new Payload(settings.Host, settings.Port, settings.UseSsl, settings.UserName, settings.Password, expiresAt.ToUnixTimeMilliseconds());
        return Protector(ownerId).Protect(JsonSerializer.Serialize(payload));
    }

    /// <summary>The settings the token vouches for, or null when it is missing, forged, expired, or another user's.</summary>
    public Pop3ConnectionSettings? Read(string ownerId, string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(Protector(ownerId).Unprotect(token));
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException or FormatException)
        {
            return null;
        }

        if (payload is null || DateTimeOffset.FromUnixTimeMilliseconds(payload.ExpiresAt) <= time.GetUtcNow())
        {
            return null;
        }

        return new Pop3ConnectionSettings(payload.Host, payload.Port, payload.UseSsl, payload.UserName, payload.Password);
    }

    private IDataProtector Protector(string ownerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        return dataProtection.CreateProtector(Purpose, ownerId);
    }

    private sealed record Payload(string Host, int Port, bool UseSsl, string UserName, string Password, long ExpiresAt);
}
