namespace Mailroom.Clients;

/// <summary>A client of the CRM in one workspace: mail from or to its addresses and domains is filed under it.</summary>
internal sealed class Client
{
    public long Id { get; init; }

    public Guid WorkspaceId { get; init; }

    public required string Name { get; set; }

    /// <summary>The CRM's own id for this client, unique within the workspace; lets the CRM sync its list by upsert.</summary>
    public string? ExternalId { get; set; }

    public List<ClientAddress> Addresses { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}
