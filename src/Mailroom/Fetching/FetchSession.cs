using MailKit.Net.Pop3;

namespace Mailroom.Fetching;

/// <summary>
/// Everything one POP3 session of a fetch works on: the signed-in client, the lease it commits under, the account, and
/// what it has done so far. Committed batches are counted here, and only committed messages are ever deleted.
/// </summary>
internal sealed class FetchSession(Pop3Client client, FetchLease lease, FetchTarget account, FetchProgress progress, FetchTally tally)
{
    private readonly List<string> _deleted = [];

    public Pop3Client Client => client;

    public FetchLease Lease => lease;

    public FetchTarget Account => account;

    public FetchProgress Progress => progress;

    public FetchTally Tally => tally;

    /// <summary>UIDs marked with DELE in this session; final only once QUIT succeeds (RFC 1939 §6).</summary>
    public IReadOnlyList<string> Deleted => _deleted;

    public void Count(CommittedBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        tally.Add(batch);
        progress.Advance(batch.Committed.Count, batch.Committed.Sum(m => m.Size));
    }

    public async Task DeleteAsync(IReadOnlyList<ServerMessage> messages, CancellationToken cancellationToken)
    {
        await client.DeleteMessagesAsync([.. messages.Select(m => m.Index)], cancellationToken);
        _deleted.AddRange(messages.Select(m => m.Uid));
        tally.AddDeleted(messages.Count);
    }
}
