using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using Mailroom.Live;

namespace Mailroom.Web.Live;

/// <summary>This node's open event streams, by user. The poller publishes each event once; every stream of its user gets a copy.</summary>
internal sealed class LiveEventHub
{
    // A stream that stops reading loses its oldest events, never the node's memory: each event only asks for a redraw.
    private const int QueuedPerStream = 256;

    private readonly ConcurrentDictionary<string, ImmutableList<OpenStream>> _streams = new(StringComparer.Ordinal);

    public bool IsIdle => _streams.IsEmpty;

    /// <summary>
    /// The oldest event id an open stream replayed from: a poller that was idle starts there, so nothing that became
    /// visible between a stream's replay and the poller's first read is lost. Null: no stream asked for a replay.
    /// </summary>
    public long? EarliestStart => _streams.Values.SelectMany(list => list).Min(stream => stream.StartsAfter);

    /// <summary><paramref name="startsAfter"/>: the id the stream replays from, if any.</summary>
    public LiveSubscription Subscribe(string userId, long? startsAfter)
    {
        var stream = new OpenStream(
            Channel.CreateBounded<MailboxEvent>(new BoundedChannelOptions(QueuedPerStream) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true }),
            startsAfter);
        _streams.AddOrUpdate(userId, _ => [stream], (_, list) => list.Add(stream));
        return new LiveSubscription(stream.Channel.Reader, () => Remove(userId, stream));
    }

    public void Publish(MailboxEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (_streams.TryGetValue(change.UserId, out var streams))
        {
            foreach (var stream in streams)
            {
                stream.Channel.Writer.TryWrite(change);
            }
        }
    }

    private void Remove(string userId, OpenStream stream)
    {
        stream.Channel.Writer.TryComplete();
        while (_streams.TryGetValue(userId, out var list))
        {
            var rest = list.Remove(stream);
            var replaced = rest.IsEmpty
                ? _streams.TryRemove(new KeyValuePair<string, ImmutableList<OpenStream>>(userId, list))
                : _streams.TryUpdate(userId, rest, list);
            if (replaced)
            {
                return;
            }
        }
    }

    private sealed record OpenStream(Channel<MailboxEvent> Channel, long? StartsAfter);
}

/// <summary>One stream's queue of events; disposing it unsubscribes.</summary>
internal sealed class LiveSubscription(ChannelReader<MailboxEvent> reader, Action unsubscribe) : IDisposable
{
    public ChannelReader<MailboxEvent> Reader { get; } = reader;

    public void Dispose() => unsubscribe();
}
