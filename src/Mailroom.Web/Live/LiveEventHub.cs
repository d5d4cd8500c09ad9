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

    private readonly ConcurrentDictionary<string, ImmutableList<Channel<MailboxEvent>>> _streams = new(StringComparer.Ordinal);

    public int StreamCount => _streams.Values.Sum(list => list.Count);

    public LiveSubscription Subscribe(string userId)
    {
        var channel = Channel.CreateBounded<MailboxEvent>(
            new BoundedChannelOptions(QueuedPerStream) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _streams.AddOrUpdate(userId, _ => [channel], (_, list) => list.Add(channel));
        return new LiveSubscription(channel.Reader, () => Remove(userId, channel));
    }

    public void Publish(MailboxEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (_streams.TryGetValue(change.UserId, out var channels))
        {
            foreach (var channel in channels)
            {
                channel.Writer.TryWrite(change);
            }
        }
    }

    private void Remove(string userId, Channel<MailboxEvent> channel)
    {
        channel.Writer.TryComplete();
        while (_streams.TryGetValue(userId, out var list))
        {
            var rest = list.Remove(channel);
            var replaced = rest.IsEmpty
                ? _streams.TryRemove(new KeyValuePair<string, ImmutableList<Channel<MailboxEvent>>>(userId, list))
                : _streams.TryUpdate(userId, rest, list);
            if (replaced)
            {
                return;
            }
        }
    }
}

/// <summary>One stream's queue of events; disposing it unsubscribes.</summary>
internal sealed class LiveSubscription(ChannelReader<MailboxEvent> reader, Action unsubscribe) : IDisposable
{
    public ChannelReader<MailboxEvent> Reader { get; } = reader;

    public void Dispose() => unsubscribe();
}
