using Mailroom.Data;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Clients;

/// <summary>
/// A workspace's clients: list, find, create, replace, upsert by the CRM's id, delete. Every call names the workspace,
/// so another workspace's client ids behave exactly like ids that do not exist. A change of addresses asks for re-filing.
/// </summary>
internal sealed class ClientDirectory(MailroomDbContext db, RefilingRequests refiling, TimeProvider time)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public async Task<ClientPage> ListAsync(Guid workspaceId, string? search, ClientCursor? after, int pageSize, CancellationToken cancellationToken)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var clients = db.Clients.AsNoTracking().Where(c => c.WorkspaceId == workspaceId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            // A substring of the name or of an address, case-insensitive (LIKE is on SQLite, ILIKE on PostgreSQL); or the exact external id.
            var pattern = "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal).ToLowerInvariant() + "%";
            clients = db.Database.IsNpgsql()
                ? clients.Where(c => EF.Functions.ILike(c.Name, pattern, "\\") || c.ExternalId == term
                    || c.Addresses.Any(a => EF.Functions.ILike(a.Value, pattern, "\\")))
                : clients.Where(c => EF.Functions.Like(c.Name, pattern, "\\") || c.ExternalId == term
                    || c.Addresses.Any(a => EF.Functions.Like(a.Value, pattern, "\\")));
        }

        if (after is { } cursor)
        {
            clients = clients.Where(c => c.Name.CompareTo(cursor.Name) > 0 || (c.Name == cursor.Name && c.Id > cursor.Id));
        }

        var rows = await clients.Include(c => c.Addresses).OrderBy(c => c.Name).ThenBy(c => c.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var items = rows.Count > pageSize ? rows[..pageSize] : rows;
        var states = await StatesAsync([.. items.Select(c => c.Id)], cancellationToken);
        return new ClientPage(
            [.. items.Select(c => ClientRecord.Of(c, states.GetValueOrDefault(c.Id)))],
            rows.Count > pageSize ? new ClientCursor(items[^1].Name, items[^1].Id) : null);
    }

    public async Task<ClientRecord?> FindAsync(Guid workspaceId, long clientId, CancellationToken cancellationToken)
    {
        var client = await db.Clients.AsNoTracking().Include(c => c.Addresses)
            .SingleOrDefaultAsync(c => c.Id == clientId && c.WorkspaceId == workspaceId, cancellationToken);
        return client is null ? null : ClientRecord.Of(client, (await StatesAsync([clientId], cancellationToken)).GetValueOrDefault(clientId));
    }

    public async Task<ClientChange> CreateAsync(Guid workspaceId, ValidClient input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.ExternalId is { } externalId && await ExternalIdTakenAsync(workspaceId, externalId, exceptClientId: null, cancellationToken))
        {
            return ClientChange.Conflict;
        }

        var now = time.GetUtcNow();
        var client = new Client { WorkspaceId = workspaceId, Name = input.Name, ExternalId = input.ExternalId, CreatedAt = now, UpdatedAt = now };
        client.Addresses.AddRange(input.AddressValues.Select(v => new ClientAddress { WorkspaceId = workspaceId, Value = v }));
        db.Clients.Add(client);
        await db.SaveChangesAsync(cancellationToken);
        // Mail fetched or sent before the client existed is filed too.
        await refiling.RequestAsync(client.Id, cancellationToken);
        return new ClientChange(ClientChangeStatus.Created, await FindAsync(workspaceId, client.Id, cancellationToken));
    }

    public async Task<ClientChange> UpdateAsync(Guid workspaceId, long clientId, ValidClient input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var client = await db.Clients.Include(c => c.Addresses).SingleOrDefaultAsync(c => c.Id == clientId && c.WorkspaceId == workspaceId, cancellationToken);
        if (client is null)
        {
            return ClientChange.NotFound;
        }

        if (input.ExternalId is { } externalId && await ExternalIdTakenAsync(workspaceId, externalId, clientId, cancellationToken))
        {
            return ClientChange.Conflict;
        }

        await ApplyAsync(client, input, cancellationToken);
        return new ClientChange(ClientChangeStatus.Updated, await FindAsync(workspaceId, clientId, cancellationToken));
    }

    /// <summary>The CRM's sync: the client with this external id gets these fields, created if there is none yet.</summary>
    public async Task<ClientChange> UpsertByExternalIdAsync(Guid workspaceId, string externalId, ValidClient input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var withId = input with { ExternalId = externalId };
        var client = await db.Clients.Include(c => c.Addresses)
            .SingleOrDefaultAsync(c => c.WorkspaceId == workspaceId && c.ExternalId == externalId, cancellationToken);
        if (client is null)
        {
            return await CreateAsync(workspaceId, withId, cancellationToken);
        }

        await ApplyAsync(client, withId, cancellationToken);
        return new ClientChange(ClientChangeStatus.Updated, await FindAsync(workspaceId, client.Id, cancellationToken));
    }

    public async Task<bool> DeleteAsync(Guid workspaceId, long clientId, CancellationToken cancellationToken) =>
        await db.Clients.Where(c => c.Id == clientId && c.WorkspaceId == workspaceId).ExecuteDeleteAsync(cancellationToken) == 1;

    private async Task ApplyAsync(Client client, ValidClient input, CancellationToken cancellationToken)
    {
        var before = client.Addresses.Select(a => a.Value).ToHashSet(StringComparer.Ordinal);
        var after = input.AddressValues.ToHashSet(StringComparer.Ordinal);
        client.Name = input.Name;
        client.ExternalId = input.ExternalId;
        client.UpdatedAt = time.GetUtcNow();
        db.ClientAddresses.RemoveRange(client.Addresses.Where(a => !after.Contains(a.Value)));
        client.Addresses.AddRange(after.Where(v => !before.Contains(v)).Select(v => new ClientAddress { WorkspaceId = client.WorkspaceId, Value = v }));
        await db.SaveChangesAsync(cancellationToken);
        if (!before.SetEquals(after))
        {
            await refiling.RequestAsync(client.Id, cancellationToken);
        }
    }

    private Task<bool> ExternalIdTakenAsync(Guid workspaceId, string externalId, long? exceptClientId, CancellationToken cancellationToken) =>
        db.Clients.AnyAsync(c => c.WorkspaceId == workspaceId && c.ExternalId == externalId && c.Id != exceptClientId, cancellationToken);

    private async Task<Dictionary<long, ClientRefiling>> StatesAsync(IReadOnlyList<long> clientIds, CancellationToken cancellationToken) =>
        await db.ClientRefilings.AsNoTracking().Where(r => clientIds.Contains(r.ClientId)).ToDictionaryAsync(r => r.ClientId, cancellationToken);
}
