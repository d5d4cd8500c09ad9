namespace Mailroom.Clients;

/// <summary>A client as the CRM or the Clients page describes it; null lists mean none.</summary>
internal sealed record ClientInput(string? Name, string? ExternalId, IReadOnlyList<string>? Emails, IReadOnlyList<string>? Domains);

/// <summary>A validated <see cref="ClientInput"/>: trimmed, lower-cased, without duplicates.</summary>
internal sealed record ValidClient(string Name, string? ExternalId, IReadOnlyList<string> Emails, IReadOnlyList<string> Domains)
{
    public IEnumerable<string> AddressValues => Emails.Concat(Domains);
}
