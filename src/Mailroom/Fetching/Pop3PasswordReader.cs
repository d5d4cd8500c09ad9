using Microsoft.AspNetCore.DataProtection;

namespace Mailroom.Fetching;

/// <summary>
/// Reveals a stored POP3 password for the moment a fetch signs in. The purpose string must stay identical to the
/// one the accounts feature encrypts with, or no stored password can be read.
/// </summary>
public sealed class Pop3PasswordReader(IDataProtectionProvider dataProtection)
{
    public const string Purpose = "Mailroom.Accounts.Pop3Password.v1";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    /// <exception cref="System.Security.Cryptography.CryptographicException">The key that encrypted it is gone; the user must type the password again.</exception>
    public string Reveal(string protectedPassword) => _protector.Unprotect(protectedPassword);
}
