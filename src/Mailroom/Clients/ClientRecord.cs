namespace Mailroom.Clients;

/// <summary>A client as pages and the API show it, with the state of its re-filing.</summary>
internal sealed record ClientRecord(
    long Id,
    string Name,
    string? ExternalId,
    IReadOnlyList<string> Emails,
    IReadOnlyList<string> Domains,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    FilingProgress Filing)
{
    public static ClientRecord Of(Client client, ClientRefiling? refiling)
    {
        ArgumentNullException.ThrowIfNull(client);
        var addresses = client.Addresses.OrderBy(a => a.Value, StringComparer.Ordinal).ToList();
        return new ClientRecord(
            client.Id,
            client.Name,
            client.ExternalId,
            [.. addresses.Where(a => !a.IsDomain).Select(a => a.Value)],
            [.. addresses.Where(a => a.IsDomain).Select(a => a.Value)],
            client.CreatedAt,
            client.UpdatedAt,
            FilingProgress.Of(refiling));
    }
}

/// <summary>Whether the client's mail is being re-filed after a change of addresses, and how far it got.</summary>
internal sealed record FilingProgress(bool InProgress, long Done, long Total, DateTimeOffset? CompletedAt)
{
    public static FilingProgress Of(ClientRefiling? refiling) => refiling is null
        ? new FilingProgress(false, 0, 0, null)
        : new FilingProgress(refiling.IsPending, refiling.Done, refiling.Total, refiling.IsPending ? null : refiling.CompletedAt);
}

internal sealed record ClientPage(IReadOnlyList<ClientRecord> Items, ClientCursor? Next);

internal enum ClientChangeStatus
{
    Created,
    Updated,
    NotFound,
    Conflict,
}

internal sealed record ClientChange(ClientChangeStatus Status, ClientRecord? Client = null)
{
    public static readonly ClientChange NotFound = new(ClientChangeStatus.NotFound);

    /// <summary>Another client of the workspace already has the external id.</summary>
    public static readonly ClientChange Conflict = new(ClientChangeStatus.Conflict);
}
