using System.Diagnostics;
using Mailroom.Data;
using Mailroom.Fetching;
using Mailroom.Tests.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Mailroom.Tests.Fetching;

/// <summary>
/// The scheduler on a real SQLite schedule with a fake clock that never moves: whatever it claims after the first
/// round, it claims because something woke it (a fetch ended, a "Fetch now"), never because an interval passed.
/// </summary>
public sealed class FetchSchedulerTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FetchWakeup _wakeup;
    private readonly ServiceProvider _services;
    private readonly TestMeterFactory _meters = new();
    private readonly FetchMemoryBudget _memory = new(Microsoft.Extensions.Options.Options.Create(new FetchingOptions()));
    private readonly FetchMetrics _metrics;

    public FetchSchedulerTests()
    {
        _wakeup = new FetchWakeup(_time);
        _metrics = new FetchMetrics(_meters, _memory);
        _services = new ServiceCollection()
            .AddSingleton<IDbContextFactory<MailroomDbContext>>(_database)
            .AddSingleton<TimeProvider>(_time)
            .AddScoped<FetchStateStore>()
            .BuildServiceProvider();
    }

    [Fact]
    public async Task WhenAFetchEnds_TheFreedSlotIsRefilledAtOnce_WithoutWaitingForTheNextClaimInterval()
    {
        var accounts = await AddAccountsAsync(5);
        var fetches = new HeldFetches();
        using var scheduler = Scheduler(fetches, new FetchingOptions { MaxParallelFetches = 2, FetchNowSlots = 0, ClaimInterval = TimeSpan.FromMinutes(5) });

        await scheduler.StartAsync(default);
        await HeldFetches.WaitUntilAsync(() => fetches.Started.Count == 2, Patience, "the first round fills both slots");
        var first = fetches.Started.First();
        fetches.End(first);

        await HeldFetches.WaitUntilAsync(() => fetches.Started.Count == 3, Patience, "the slot freed by the ended fetch is claimed again");
        Assert.Equal(2, fetches.OpenCount);
        Assert.Equal(3, fetches.Started.Distinct().Count());
        Assert.All(fetches.Started, id => Assert.Contains(id, accounts));
        await scheduler.StopAsync(default);
    }

    [Fact]
    public async Task FetchNow_StartsWithinOneSecond_While40OtherFetchesRun()
    {
        await AddAccountsAsync(40);
        var fetches = new HeldFetches();
        using var scheduler = Scheduler(fetches, new FetchingOptions { MaxParallelFetches = 40, MaxSessionsPerHost = 100, ClaimInterval = TimeSpan.FromMinutes(5) });
        await scheduler.StartAsync(default);
        await HeldFetches.WaitUntilAsync(() => fetches.OpenCount == 40, Patience, "40 fetches run");
        var urgent = await _database.AddAccountAsync();

        var clock = Stopwatch.StartNew();
        await new FetchRequests(new FetchStateStore(_database, _time), _wakeup).RequestAsync(urgent, default);
        await HeldFetches.WaitUntilAsync(() => fetches.Started.Contains(urgent), TimeSpan.FromSeconds(1), "Fetch now starts");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Fetch now took {clock.Elapsed} to start.");
        Assert.Equal(41, fetches.OpenCount);
        await scheduler.StopAsync(default);
    }

    [Fact]
    public async Task PerHostSessionLimit_HoldsWith50AccountsOnOneHost_AndEveryAccountIsFetched()
    {
        var accounts = new Dictionary<Guid, string>();
        for (var i = 0; i < 50; i++)
        {
            accounts[await _database.AddAccountAsync(host: "pop.Shared.example")] = "pop.shared.example";
        }

        for (var i = 0; i < 5; i++)
        {
            accounts[await _database.AddAccountAsync(host: $"pop{i}.other.example")] = $"pop{i}.other.example";
        }

        var fetches = new HeldFetches(id => accounts[id]) { AutoEndAfter = TimeSpan.FromMilliseconds(20) };
        using var scheduler = Scheduler(fetches, new FetchingOptions { MaxParallelFetches = 32, MaxSessionsPerHost = 4, ClaimInterval = TimeSpan.FromMinutes(5) });

        await scheduler.StartAsync(default);
        await HeldFetches.WaitUntilAsync(() => fetches.Started.Count == 55, TimeSpan.FromSeconds(30), "every account is fetched once");

        Assert.Equal(4, fetches.MaxPerHost);
        Assert.Equal(accounts.Keys.Order(), fetches.Started.Order());
        await scheduler.StopAsync(default);
    }

    private async Task<List<Guid>> AddAccountsAsync(int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await _database.AddAccountAsync());
        }

        return ids;
    }

    private FetchScheduler Scheduler(HeldFetches fetches, FetchingOptions settings)
    {
        settings.NodeName = "node-a";
        var options = new StaticOptionsMonitor<FetchingOptions>(settings);
        return new FetchScheduler(
            _services.GetRequiredService<IServiceScopeFactory>(), fetches, _wakeup, new HostGate(options, _time), _metrics, options, _time, NullLogger<FetchScheduler>.Instance);
    }

    public void Dispose()
    {
        _services.Dispose();
        _metrics.Dispose();
        _memory.Dispose();
        _meters.Dispose();
        _database.Dispose();
    }
}
