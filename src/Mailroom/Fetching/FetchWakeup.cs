using System.Threading.Channels;

namespace Mailroom.Fetching;

/// <summary>
/// Wakes this node's scheduler before its next claim interval: a slot came free, or a "Fetch now" or new account is
/// waiting. Signals that arrive while it is awake collapse into one, so a burst costs one extra claim, not many.
/// </summary>
internal sealed class FetchWakeup(TimeProvider time)
{
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Signal() => _signals.Writer.TryWrite(true);

    /// <summary>Returns when signalled or after <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signalled = _signals.Reader.WaitToReadAsync(waiting.Token).AsTask();
        var elapsed = Task.Delay(timeout, time, waiting.Token);
        await Task.WhenAny(signalled, elapsed);
        await waiting.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        _signals.Reader.TryRead(out _);
    }
}
