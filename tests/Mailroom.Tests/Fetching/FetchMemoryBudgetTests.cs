using Mailroom.Fetching;
using Microsoft.Extensions.Options;

namespace Mailroom.Tests.Fetching;

public sealed class FetchMemoryBudgetTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task Acquire_BeyondTheBudget_WaitsUntilEnoughIsGivenBack()
    {
        using var budget = Budget(4 * MiB);
        var first = await budget.AcquireAsync(3 * MiB, default);

        var second = budget.AcquireAsync(2 * MiB, default);
        await Task.Delay(50);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second).Dispose();
        Assert.Equal(3 * MiB, budget.PeakBytesInUse);
        Assert.Equal(0, budget.BytesInUse);
    }

    [Fact]
    public async Task Waiters_AreServedOldestFirst_SoABigImportsNextBatchQueuesBehindSmallPolls()
    {
        using var budget = Budget(4 * MiB);
        var import = await budget.AcquireAsync(4 * MiB, default);
        var poll = budget.AcquireAsync(64 * 1024, default);
        var nextImportBatch = budget.AcquireAsync(4 * MiB, default);
        var laterPoll = budget.AcquireAsync(64 * 1024, default);

        import.Dispose();
        var polled = await poll;
        Assert.False(nextImportBatch.IsCompleted);
        Assert.False(laterPoll.IsCompleted);

        polled.Dispose();
        var imported = await nextImportBatch;
        Assert.False(laterPoll.IsCompleted);

        imported.Dispose();
        (await laterPoll).Dispose();
        Assert.Equal(4 * MiB, budget.PeakBytesInUse);
    }

    [Fact]
    public async Task Acquire_OfOneBatchLargerThanTheWholeBudget_TakesTheWholeBudgetRatherThanWaitingForever()
    {
        using var budget = Budget(2 * MiB);

        using var held = await budget.AcquireAsync(10 * MiB, default);

        Assert.Equal(2 * MiB, budget.BytesInUse);
    }

    private static FetchMemoryBudget Budget(long bytes) => new(Options.Create(new FetchingOptions { MemoryBudget = bytes }));
}
