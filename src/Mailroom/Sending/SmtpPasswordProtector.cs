using Microsoft.AspNetCore.DataProtection;

namespace Mailroom.Sending;

/// <summary>
/// Encrypts own-SMTP-server passwords at rest. Its own purpose string keeps these ciphertexts apart from POP3
/// passwords, cookies and tokens: a key for one cannot decrypt another.
/// </summary>
internal sealed class SmtpPasswordProtector(IDataProtectionProvider dataProtection)
{
    public const string Purpose = "Mailroom.Sending.SmtpPassword.v1";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    public string Protect(string password) => _protector.Protect(password);

    /// <exception cref="System.Security.Cryptography.CryptographicException">The key is gone; the user must type the password again.</exception>
    public string Unprotect(string protectedPassword) => _protector.Unprotect(protectedPassword);
}
