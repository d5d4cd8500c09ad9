using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Mailroom.Fetching;

/// <summary>
/// One budget for the message bytes all of this node's running fetches hold in memory (<see cref="FetchingOptions.MemoryBudget"/>).
/// A fetch asks for a batch's bytes before downloading it and gives them back once the batch is committed. Waiters
/// are served oldest first, so a long first import that asks again for its next batch queues behind everyone else's
/// polls: it yields between batches and cannot starve them. A batch larger than the whole budget waits for all of it.
/// </summary>
internal sealed class FetchMemoryBudget : IDisposable
{
    // Permits are KiB so that budgets beyond 2 GiB still fit the limiter's int permit count.
    private const long Unit = 1024;

    private readonly ConcurrencyLimiter _limiter;
    private readonly int _permits;
    private long _bytesInUse;
    private long _peakBytesInUse;

    public FetchMemoryBudget(IOptions<FetchingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _permits = (int)Math.Clamp(options.Value.MemoryBudget / Unit, 1, int.MaxValue);
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _permits,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public long BytesInUse => Interlocked.Read(ref _bytesInUse);

    /// <summary>The most ever held at once since start: the figure that proves the budget holds.</summary>
    public long PeakBytesInUse => Interlocked.Read(ref _peakBytesInUse);

    public async Task<IDisposable> AcquireAsync(long bytes, CancellationToken cancellationToken)
    {
        var permits = (int)Math.Clamp((bytes + Unit - 1) / Unit, 1, _permits);
        var lease = await _limiter.AcquireAsync(permits, cancellationToken);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new InvalidOperationException("The fetch memory budget refused a batch; its queue limit is unbounded, so this is a bug.");
        }

        var held = Interlocked.Add(ref _bytesInUse, permits * Unit);
        for (var peak = PeakBytesInUse; held > peak; peak = PeakBytesInUse)
        {
            Interlocked.CompareExchange(ref _peakBytesInUse, held, peak);
        }

        return new Held(this, lease, permits * Unit);
    }

    public void Dispose() => _limiter.Dispose();

    private sealed class Held(FetchMemoryBudget budget, RateLimitLease lease, long bytes) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Interlocked.Add(ref budget._bytesInUse, -bytes);
                lease.Dispose();
            }
        }
    }
}
