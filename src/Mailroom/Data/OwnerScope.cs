using Mailroom.Accounts;
using Mailroom.Messages;
using Mailroom.SenderAddresses;
using Mailroom.Sending.Queue;

namespace Mailroom.Data;

/// <summary>
/// The one place that says which rows belong to a user. Services build every user-facing query on these (pages, view
/// components and endpoints use the services, never the DbContext), so another user's id and a deleted account's id
/// are answered the same way everywhere: not found.
/// </summary>
internal static class OwnerScope
{
    /// <summary>The user's accounts. A deleted account whose mail was kept (a tombstone) is not one of them.</summary>
    public static IQueryable<Pop3Account> AccountsOf(this MailroomDbContext db, string ownerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        return db.Pop3Accounts.Where(a => a.OwnerId == ownerId && a.State != AccountState.Deleted);
    }

    /// <summary>The user's accounts and tombstones: only for naming and counting mail, which outlives its account.</summary>
    public static IQueryable<Pop3Account> AccountsWithKeptMailOf(this MailroomDbContext db, string ownerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        return db.Pop3Accounts.Where(a => a.OwnerId == ownerId);
    }

    /// <summary>The user's stored messages, kept mail of deleted accounts included.</summary>
    public static IQueryable<StoredMessage> MessagesOf(this MailroomDbContext db, string ownerId) => db.Messages.OwnedBy(ownerId);

    /// <summary>Those of <paramref name="messages"/> that are the user's (for a list that starts from search matches).</summary>
    public static IQueryable<StoredMessage> OwnedBy(this IQueryable<StoredMessage> messages, string ownerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        return messages.Where(m => m.OwnerId == ownerId);
    }

    public static IQueryable<SenderAddress> SenderAddressesOf(this MailroomDbContext db, string ownerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        return db.SenderAddresses.Where(a => a.OwnerId == ownerId);
    }

    /// <summary>The user's messages in the send queue, in every state.</summary>
    public static IQueryable<QueuedMessage> QueuedMessagesOf(this MailroomDbContext db, string ownerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        return db.QueuedMessages.Where(m => m.OwnerId == ownerId);
    }
}
