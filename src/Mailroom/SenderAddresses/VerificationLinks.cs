using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Mailroom.SenderAddresses;

/// <summary>
/// The token in a verification link: Data Protection ciphertext (encrypted and authenticated) under its own purpose,
/// naming the code it stands for and when it expires. The expiry is checked against <see cref="TimeProvider"/> and the
/// code's row, which also says whether it was used, replaced or locked; a forged or altered token does not decrypt.
/// </summary>
internal sealed class VerificationLinks(IDataProtectionProvider dataProtection)
{
    public const string Purpose = "Mailroom.SenderAddresses.VerificationLink.v1";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    public string Issue(VerificationCode code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return _protector.Protect(JsonSerializer.Serialize(new Payload(code.Id, code.SenderAddressId, code.ExpiresAt.ToUnixTimeMilliseconds())));
    }

    /// <summary>The code id and expiry the token carries, or null when it is not a token this app issued.</summary>
    public (Guid CodeId, Guid SenderAddressId, DateTimeOffset ExpiresAt)? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2000)
        {
            return null;
        }

        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(token));
            return payload is null ? null : (payload.C, payload.A, DateTimeOffset.FromUnixTimeMilliseconds(payload.E));
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    private sealed record Payload(Guid C, Guid A, long E);
}
