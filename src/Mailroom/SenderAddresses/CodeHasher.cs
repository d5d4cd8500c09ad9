using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mailroom.SenderAddresses;

/// <summary>
/// Makes confirmation codes and checks them against stored hashes. A short numeric code has little entropy, so
/// the hash is salted and slow (PBKDF2): a copied database does not hand out the codes of pending verifications,
/// while the online guessing limit (a few tries per code) is what actually protects them.
/// </summary>
internal static class CodeHasher
{
    private const int Iterations = 100_000;
    private const int HashSize = 32;

    public static string NewCode(int digits)
    {
        var upper = (int)Math.Pow(10, Math.Min(digits, 9));
        var code = new StringBuilder(digits);
        // Nine digits at a time keeps every draw inside int and uniform.
        while (code.Length < digits)
        {
            code.Append(RandomNumberGenerator.GetInt32(upper).ToString(CultureInfo.InvariantCulture).PadLeft(Math.Min(digits, 9), '0'));
        }

        return code.ToString(0, digits);
    }

    public static (byte[] Salt, byte[] Hash) Hash(string code)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return (salt, Derive(code, salt));
    }

    public static bool Matches(string candidate, byte[] salt, byte[] hash) =>
        CryptographicOperations.FixedTimeEquals(Derive(candidate, salt), hash);

    /// <summary>Spaces and dashes that people type or paste along with a code do not count.</summary>
    public static string Clean(string? typed) =>
        new([.. (typed ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-')]);

    private static byte[] Derive(string code, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(code), salt, Iterations, HashAlgorithmName.SHA256, HashSize);
}
