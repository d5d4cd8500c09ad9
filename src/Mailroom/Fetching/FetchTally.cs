namespace Mailroom.Fetching;

/// <summary>What one fetch did, for its history row and for the schedule.</summary>
internal sealed class FetchTally
{
    public DateTimeOffset? SignedInAt { get; set; }

    public TimeSpan? ServerLoginDelay { get; set; }

    public int NewMessages { get; private set; }

    public long NewBytes { get; private set; }

    public int SkippedMessages { get; private set; }

    public int DeletedFromServer { get; private set; }

    public void Add(CommittedBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        NewMessages += batch.NewMessages;
        NewBytes += batch.NewBytes;
        SkippedMessages += batch.NewlySkipped;
    }

    public void AddDeleted(int count) => DeletedFromServer += count;
}
