namespace Mailroom.Clients;

/// <summary>
/// One email address (contains '@') or whole domain of a client, lower case. The workspace is repeated here so that
/// filing finds every client an address belongs to with one index lookup.
/// </summary>
internal sealed class ClientAddress
{
    public long Id { get; init; }

    public long ClientId { get; init; }

    public Guid WorkspaceId { get; init; }

    public required string Value { get; init; }

    public bool IsDomain => !Value.Contains('@', StringComparison.Ordinal);
}
