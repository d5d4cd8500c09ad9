namespace Mailroom.Fetching;

/// <summary>Counters of the running fetch, written by the download loop and read by the heartbeat on another thread.</summary>
internal sealed class FetchProgress
{
    private int _messagesDone;
    private int _messagesTotal;
    private long _bytesDone;
    private long _bytesTotal;

    public void Start(int messages, long bytes)
    {
        Volatile.Write(ref _messagesTotal, messages);
        Volatile.Write(ref _bytesTotal, bytes);
    }

    public void Advance(int messages, long bytes)
    {
        Interlocked.Add(ref _messagesDone, messages);
        Interlocked.Add(ref _bytesDone, bytes);
    }

    public FetchProgressSnapshot Snapshot() => new(
        Volatile.Read(ref _messagesDone), Volatile.Read(ref _messagesTotal), Interlocked.Read(ref _bytesDone), Interlocked.Read(ref _bytesTotal));
}

internal sealed record FetchProgressSnapshot(int MessagesDone, int MessagesTotal, long BytesDone, long BytesTotal);
