using Mailroom.Data;
using Mailroom.Network;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Fetching;

/// <summary>
/// The minimal account health: remembers the last success and counts consecutive credential rejections on the
/// account. The accounts feature registers its own <see cref="IAccountHealth"/> (which also disables) in its place.
/// </summary>
public sealed class LastFetchRecorder(IDbContextFactory<MailroomDbContext> databases, TimeProvider time) : IAccountHealth
{
    public async Task RecordFetchSuccessAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        await db.Pop3Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(
            a => a.SetProperty(x => x.LastSuccessfulFetchAt, now).SetProperty(x => x.ConsecutiveAuthenticationFailures, 0), cancellationToken);
    }

    public async Task RecordFetchFailureAsync(Guid accountId, MailFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (!failure.IsCredentialRejection)
        {
            return;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.Pop3Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(
            a => a.SetProperty(x => x.ConsecutiveAuthenticationFailures, x => x.ConsecutiveAuthenticationFailures + 1), cancellationToken);
    }
}
