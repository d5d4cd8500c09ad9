using Microsoft.AspNetCore.DataProtection;

namespace Mailroom.Accounts;

/// <summary>
/// Encrypts POP3 passwords at rest. The purpose string isolates these ciphertexts from every other
/// Data Protection use (cookies, tokens), so a leaked cookie key cannot decrypt a password or vice versa.
/// The clear password exists only in memory while an account is tested or fetched.
/// </summary>
internal sealed class Pop3PasswordProtector(IDataProtectionProvider dataProtection)
{
    public const string Purpose = "Mailroom.Accounts.Pop3Password.v1";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    public string Protect(string password) => _protector.Protect(password);

    /// <exception cref="System.Security.Cryptography.CryptographicException">
    /// The key that encrypted the password is gone (for example a node with its own key ring); the user must type the password again.
    /// </exception>
    public string Unprotect(string protectedPassword) => _protector.Unprotect(protectedPassword);
}
