namespace Mailroom;

/// <summary>When a periodic worker first runs: at once (a worker that catches up on start), or one interval in.</summary>
internal enum FirstRun
{
    AtOnce,
    AfterOneInterval,
}

/// <summary>
/// The one loop of every periodic worker: run, wait out the interval on the <see cref="TimeProvider"/>, run again, until
/// shutdown. Each wait is a one-shot delay armed when a run starts (so the interval counts from the start of a run, as
/// with a PeriodicTimer), never a periodic timer: a periodic timer on a FakeTimeProvider that a test moves on by days
/// fires once per elapsed period, synchronously inside the test's Advance, while a one-shot delay fires once. So a
/// worker runs at most once per wake-up however far the clock jumps, and a late wake-up is never made up for.
/// </summary>
internal static class PeriodicWork
{
    /// <summary>Runs <paramref name="work"/> until <paramref name="stop"/> is cancelled; cancellation ends it quietly.</summary>
    public static Task RunAsync(TimeSpan interval, TimeProvider time, FirstRun first, Func<CancellationToken, Task> work, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunWhileAsync(interval, time, first, async token =>
        {
            await work(token);
            return true;
        }, stop);
    }

    /// <summary>As <see cref="RunAsync"/>, and also ends when a run returns false.</summary>
    public static async Task RunWhileAsync(TimeSpan interval, TimeProvider time, FirstRun first, Func<CancellationToken, Task<bool>> work, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            var wake = first == FirstRun.AtOnce ? Task.CompletedTask : Task.Delay(interval, time, stop);
            while (true)
            {
                // Forced onto the thread pool: a fake clock completes the delay inside its Advance, and the run must not
                // happen there (it would arm its next delay before the clock reached its new time).
                await wake.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
                wake = Task.Delay(interval, time, stop);
                if (!await work(stop))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Shutdown, or the caller's work is over.
        }
    }
}
