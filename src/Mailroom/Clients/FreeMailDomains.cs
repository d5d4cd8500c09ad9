using System.Collections.Frozen;
using System.Reflection;

namespace Mailroom.Clients;

/// <summary>
/// Domains of free mail providers (gmail.com, outlook.com, …): thousands of unrelated people write from them,
/// so such a domain never stands for one client. The list is bundled (free-mail-domains.txt), not fetched.
/// </summary>
internal static class FreeMailDomains
{
    private static readonly Lazy<FrozenSet<string>> Domains = new(Load);

    public static bool Contains(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return Domains.Value.Contains(domain.Trim().TrimEnd('.').ToLowerInvariant());
    }

    private static FrozenSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Mailroom.Clients.free-mail-domains.txt")
            ?? throw new InvalidOperationException("The bundled free mail domain list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var domains = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                domains.Add(line);
            }
        }

        return domains.ToFrozenSet(StringComparer.Ordinal);
    }
}
