using Mailroom.Data;
using Mailroom.Messages;

namespace Mailroom.Clients;

/// <summary>
/// What happens to messages the moment they are stored (fetched into the inbox, or a sent copy), inside the same
/// transaction: they are filed under their clients. The one call the fetch batch writer and sending make.
/// </summary>
internal static class StoredMailHooks
{
    public static async Task RunAsync(MailroomDbContext db, IReadOnlyCollection<StoredMessage> stored, CancellationToken cancellationToken)
    {
        await MessageFiler.FileAsync(db, stored, cancellationToken);
    }
}
