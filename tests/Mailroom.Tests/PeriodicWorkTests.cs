using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Mailroom.Tests;

/// <summary>The one loop of the periodic workers (send queue, re-filing, metrics overview, fetch heartbeat) on a fake clock.</summary>
public sealed class PeriodicWorkTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Long enough for runs that should not happen to show up: the work itself takes microseconds.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly Channel<DateTimeOffset> _runs = Channel.CreateUnbounded<DateTimeOffset>();
    private readonly CancellationTokenSource _stop = new();
    private int _runCount;

    [Fact]
    public async Task AClockMovedOnByDays_RunsTheWorkOnceMore_NotOncePerElapsedInterval()
    {
        var loop = PeriodicWork.RunAsync(Interval, _time, FirstRun.AtOnce, RecordAsync, _stop.Token);
        Assert.Equal(_time.GetUtcNow(), await NextRunAsync());

        _time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(_time.GetUtcNow(), await NextRunAsync());
        await Task.Delay(Settle);
        Assert.Equal(2, _runCount);

        // Still periodic from the new time on.
        _time.Advance(Interval);
        Assert.Equal(_time.GetUtcNow(), await NextRunAsync());
        await _stop.CancelAsync();
        await loop;
        Assert.Equal(3, _runCount);
    }

    [Fact]
    public async Task AfterOneInterval_DoesNotRunAtStart_ButOnceTheIntervalHasPassed()
    {
        var loop = PeriodicWork.RunAsync(Interval, _time, FirstRun.AfterOneInterval, RecordAsync, _stop.Token);
        await Task.Delay(Settle);
        Assert.Equal(0, _runCount);

        _time.Advance(Interval);
        Assert.Equal(_time.GetUtcNow(), await NextRunAsync());
        await _stop.CancelAsync();
        await loop;
    }

    [Fact]
    public async Task RunWhile_EndsTheLoop_WhenARunReturnsFalse()
    {
        var loop = PeriodicWork.RunWhileAsync(Interval, _time, FirstRun.AtOnce, async token =>
        {
            await RecordAsync(token);
            return _runCount < 2;
        }, _stop.Token);
        await NextRunAsync();
        _time.Advance(Interval);
        await NextRunAsync();

        await loop.WaitAsync(Patience);
        _time.Advance(Interval);
        await Task.Delay(Settle);
        Assert.Equal(2, _runCount);
    }

    [Fact]
    public async Task Cancellation_EndsTheLoopQuietly_EvenDuringARun()
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loop = PeriodicWork.RunAsync(Interval, _time, FirstRun.AtOnce, async token =>
        {
            running.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, token);
        }, _stop.Token);
        await running.Task.WaitAsync(Patience);

        await _stop.CancelAsync();
        await loop.WaitAsync(Patience);
        Assert.True(loop.IsCompletedSuccessfully);
    }

    public void Dispose() => _stop.Dispose();

    private async Task RecordAsync(CancellationToken cancellationToken)
    {
        // Asynchronous like the real workers' database calls, so extra ticks would have the chance to pile up.
        await Task.Yield();
        Interlocked.Increment(ref _runCount);
        await _runs.Writer.WriteAsync(_time.GetUtcNow(), cancellationToken);
    }

    private async Task<DateTimeOffset> NextRunAsync()
    {
        using var patience = new CancellationTokenSource(Patience);
        return await _runs.Reader.ReadAsync(patience.Token);
    }
}
