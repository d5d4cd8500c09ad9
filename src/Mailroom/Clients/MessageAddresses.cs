using System.Text.RegularExpressions;

namespace Mailroom.Clients;

/// <summary>
/// The keys a message can be filed by: every address in From, To and Cc, and each address's domain, lower case.
/// Read from the stored summary ("Name &lt;a@b&gt;, c@d"), so fetch-time filing and background re-filing agree.
/// </summary>
internal static partial class MessageAddresses
{
    public static IReadOnlySet<string> KeysOf(string fromAddress, string to, string cc)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in (ReadOnlySpan<string>)[fromAddress ?? "", to ?? "", cc ?? ""])
        {
            foreach (Match match in Address().Matches(text))
            {
                var address = match.Value.ToLowerInvariant();
                keys.Add(address);
                keys.Add(address[(address.LastIndexOf('@') + 1)..]);
            }
        }

        return keys;
    }

    // Local part as RFC 5322 dot-atoms allow, domain as host names allow; quoted local parts are rare enough to miss.
    [GeneratedRegex(@"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")]
    private static partial Regex Address();
}
