using System.Collections.Frozen;
using System.Text.Json;

namespace Mailroom.Accounts.Providers;

/// <summary>
/// Looks up a mail address's provider in the bundled table (known-providers.json). Only the domain
/// after the last '@' is used, and no DNS query is made: a lookup must not reach the network.
/// </summary>
internal sealed class KnownProviderDirectory
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly FrozenDictionary<string, KnownProvider> _byDomain;

    public KnownProviderDirectory(IEnumerable<KnownProvider> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        All = [.. providers];
        _byDomain = All
            .SelectMany(p => p.Domains.Select(d => KeyValuePair.Create(d, p)))
            .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<KnownProvider> All { get; }

    public static KnownProviderDirectory LoadBundled()
    {
        using var stream = typeof(KnownProviderDirectory).Assembly
            .GetManifestResourceStream("Mailroom.Accounts.Providers.known-providers.json")
            ?? throw new InvalidOperationException("The bundled known-providers.json resource is missing from the build.");
        var providers = JsonSerializer.Deserialize<List<KnownProvider>>(stream, JsonOptions)
            ?? throw new InvalidOperationException("known-providers.json is empty.");
        return new KnownProviderDirectory(providers);
    }

    public KnownProvider? FindByAddress(string? emailAddress)
    {
        var at = emailAddress?.LastIndexOf('@') ?? -1;
        if (emailAddress is null || at < 0)
        {
            return null;
        }

        var domain = emailAddress[(at + 1)..].Trim().TrimEnd('.');
        return _byDomain.GetValueOrDefault(domain);
    }
}
