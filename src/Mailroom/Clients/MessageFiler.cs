using Mailroom.Data;
using Mailroom.Messages;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Clients;

/// <summary>
/// Files newly stored messages under the clients of their owner's workspace whose addresses or domains appear in
/// From, To or Cc. Runs inside the caller's transaction (the fetch batch, the sent copy) after the messages got their
/// ids, so a message is never stored without its filing.
/// </summary>
internal static class MessageFiler
{
    public static async Task<IReadOnlyList<MessageFiling>> FileAsync(
        MailroomDbContext db, IReadOnlyCollection<StoredMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return [];
        }

        var ownerIds = messages.Select(m => m.OwnerId).Distinct().ToList();
        var workspaceOf = await db.WorkspaceMembers.AsNoTracking()
            .Where(m => ownerIds.Contains(m.UserId))
            .ToDictionaryAsync(m => m.UserId, m => m.WorkspaceId, cancellationToken);
        if (workspaceOf.Count == 0)
        {
            return [];
        }

        var keysOf = messages.ToDictionary(m => m, m => MessageAddresses.KeysOf(m.FromAddress, m.To, m.Cc));
        var keys = keysOf.Values.SelectMany(k => k).Distinct(StringComparer.Ordinal).ToList();
        var workspaceIds = workspaceOf.Values.Distinct().ToList();
        var addresses = await db.ClientAddresses.AsNoTracking()
            .Where(a => workspaceIds.Contains(a.WorkspaceId) && keys.Contains(a.Value))
            .Select(a => new { a.WorkspaceId, a.Value, a.ClientId })
            .ToListAsync(cancellationToken);
        if (addresses.Count == 0)
        {
            return [];
        }

        var filings = new List<MessageFiling>();
        foreach (var message in messages)
        {
            if (!workspaceOf.TryGetValue(message.OwnerId, out var workspaceId))
            {
                continue;
            }

            var keysOfMessage = keysOf[message];
            filings.AddRange(addresses
                .Where(a => a.WorkspaceId == workspaceId && keysOfMessage.Contains(a.Value))
                .Select(a => a.ClientId)
                .Distinct()
                .Select(clientId => new MessageFiling
                {
                    ClientId = clientId,
                    MessageId = message.Id,
                    AccountId = message.AccountId,
                    OwnerId = message.OwnerId,
                    SentAt = message.SentAt,
                }));
        }

        db.MessageFilings.AddRange(filings);
        await db.SaveChangesAsync(cancellationToken);
        return filings;
    }
}
