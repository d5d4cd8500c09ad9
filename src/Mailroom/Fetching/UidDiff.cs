namespace Mailroom.Fetching;

/// <summary>Compares the server's UIDL listing with the ledger and decides what this session downloads, skips and deletes.</summary>
internal static class UidDiff
{
    public static FetchPlan Plan(
        IReadOnlyList<string> serverUids,
        IReadOnlyList<long> serverSizes,
        IReadOnlyDictionary<string, LedgerFacts> ledger,
        RetrievalRule rule,
        long maxMessageSize,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(serverUids);
        ArgumentNullException.ThrowIfNull(serverSizes);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(rule);
        if (serverSizes.Count != serverUids.Count)
        {
            throw new ArgumentException("UIDL and LIST disagree on the number of messages.", nameof(serverSizes));
        }

        var download = new List<ServerMessage>();
        var tooLarge = new List<ServerMessage>();
        var delete = new List<ServerMessage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < serverUids.Count; index++)
        {
            var message = new ServerMessage(index, serverUids[index], serverSizes[index]);

            // A broken server may list one UID twice; the first copy is the one Mailroom takes.
            if (!seen.Add(message.Uid))
            {
                continue;
            }

            if (ledger.TryGetValue(message.Uid, out var facts))
            {
                if (rule.ShouldDelete(facts, now))
                {
                    delete.Add(message);
                }
            }
            else if (message.Size > maxMessageSize)
            {
                tooLarge.Add(message);
            }
            else
            {
                download.Add(message);
            }
        }

        var gone = ledger.Where(entry => !entry.Value.MarkedDeleted && !seen.Contains(entry.Key)).Select(entry => entry.Key).ToList();
        return new FetchPlan(download, tooLarge, delete, gone);
    }

    /// <summary>Splits the downloads into batches bounded by count and by bytes; a message larger than the byte bound travels alone.</summary>
    public static IEnumerable<IReadOnlyList<ServerMessage>> Batches(IReadOnlyList<ServerMessage> messages, int maxMessages, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var batch = new List<ServerMessage>();
        long bytes = 0;
        foreach (var message in messages)
        {
            if (batch.Count > 0 && (batch.Count >= maxMessages || bytes + message.Size > maxBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(message);
            bytes += message.Size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}

/// <param name="Download">New messages within the size limit, in server order.</param>
/// <param name="TooLarge">New messages over the size limit: recorded as skipped, left on the server.</param>
/// <param name="DeleteNow">Messages stored in an earlier session that the retrieval rule now removes from the server.</param>
/// <param name="GoneFromServer">Ledger UIDs no longer listed (deleted by Mailroom's last QUIT or by another client).</param>
internal sealed record FetchPlan(
    IReadOnlyList<ServerMessage> Download,
    IReadOnlyList<ServerMessage> TooLarge,
    IReadOnlyList<ServerMessage> DeleteNow,
    IReadOnlyList<string> GoneFromServer);
