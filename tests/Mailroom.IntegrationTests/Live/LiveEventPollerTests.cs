using System.Threading.Channels;
using Mailroom.Data;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.Live;
using Mailroom.Web.Live;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Mailroom.IntegrationTests.Live;

/// <summary>
/// The node's one reader of the events table costs nothing while no page listens, and a clock that jumps (a test's
/// fake clock advanced by days) wakes it once, not once per skipped second. Each database access opens one scope,
/// so counting scopes counts the poller's round trips.
/// </summary>
public sealed class LiveEventPollerTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Poller_WithNoPageOpen_ReadsNoEvents_AndAClockThatJumpsDaysWakesItOnce(DatabaseKind kind)
    {
        await using var bed = await PollerBed.CreateAsync(kind);
        await bed.StartAsync();

        for (var second = 0; second < 5; second++)
        {
            await bed.Time.StepAsync(TimeSpan.FromSeconds(1));
        }

        await bed.Time.StepAsync(TimeSpan.FromSeconds(1));
        // Five rounds are over: the first pruned (due at start), the next prune is a minute away, and nothing read events.
        Assert.Equal(1, bed.Scopes.Created);

        await bed.Time.StepAsync(TimeSpan.FromDays(3));
        await bed.Time.StepAsync(TimeSpan.FromSeconds(1));
        // One round for three days (a prune, due again) and no catching up on 259,200 skipped intervals.
        Assert.Equal(2, bed.Scopes.Created);
        Assert.Equal(8, bed.Time.Rounds);
    }

    [Theory, ClassData(typeof(BothDatabases))]
    public async Task Poller_WithAPageOpen_PublishesWhatAnyNodeWrote_ToThatUsersPagesOnly(DatabaseKind kind)
    {
        await using var bed = await PollerBed.CreateAsync(kind);
        await bed.StartAsync();
        using var page = bed.Hub.Subscribe("user-1", startsAfter: null);
        await bed.Time.StepAsync(TimeSpan.FromSeconds(1));
        await bed.Time.StepAsync(TimeSpan.FromSeconds(1));

        // Written as another node would: straight into the table.
        await bed.AppendAsync("user-1", MailboxChange.Mail);
        await bed.AppendAsync("user-2", MailboxChange.Mail);
        await bed.Time.StepAsync(TimeSpan.FromDays(1));
        await bed.Time.StepAsync(TimeSpan.FromSeconds(1));

        Assert.True(page.Reader.TryRead(out var change), "The page's new mail was not published.");
        Assert.Equal(("user-1", MailboxChange.Mail), (change.UserId, change.Change));
        Assert.False(page.Reader.TryRead(out _), "Another user's event, or the same one twice, reached this page.");
    }

    private sealed class PollerBed : IAsyncDisposable
    {
        private readonly TestDatabase _database;
        private readonly ServiceProvider _services;
        private readonly LiveEventPoller _poller;

        private PollerBed(TestDatabase database, ServiceProvider services)
        {
            _database = database;
            _services = services;
            Scopes = new CountingScopes(services.GetRequiredService<IServiceScopeFactory>());
            _poller = new LiveEventPoller(
                Scopes,
                Hub,
                new FixedOptions(new LiveOptions { PollInterval = TimeSpan.FromSeconds(1) }),
                Time,
                NullLogger<LiveEventPoller>.Instance);
        }

        public SteppedClock Time { get; } = new();

        public LiveEventHub Hub { get; } = new();

        public CountingScopes Scopes { get; }

        public static async Task<PollerBed> CreateAsync(DatabaseKind kind)
        {
            var database = await TestDatabase.CreateAsync(kind);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Mailroom:Database:Provider"] = database.Provider.ToString(),
                ["ConnectionStrings:Mailroom"] = database.ConnectionString,
            }).Build();
            var services = new ServiceCollection()
                .AddSingleton<IConfiguration>(configuration)
                .AddLogging()
                .AddMailroomDatabase(configuration)
                .BuildServiceProvider();
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(default);
            return new PollerBed(database, services);
        }

        public async Task StartAsync()
        {
            await _poller.StartAsync(default);
            await Time.WaitForNextRoundAsync();
        }

        public async Task AppendAsync(string userId, MailboxChange change)
        {
            await using var scope = _services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MailroomDbContext>();
            await MailboxEvents.AppendAsync(db, userId, accountId: null, change, Time.GetUtcNow(), default);
        }

        public async ValueTask DisposeAsync()
        {
            await _poller.StopAsync(default);
            _poller.Dispose();
            await _services.DisposeAsync();
            await _database.DisposeAsync();
        }
    }

    /// <summary>
    /// A fake clock that knows when a round starts: each one begins by arming its next delay (a timer), and it starts
    /// only once the round before it has finished. So after a step, every round but the one just started is over.
    /// </summary>
    private sealed class SteppedClock() : FakeTimeProvider(Epoch)
    {
        private readonly Channel<ITimer> _waits = Channel.CreateUnbounded<ITimer>();

        /// <summary>Rounds started, counted as the delays armed after the first.</summary>
        public int Rounds { get; private set; } = -1;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Rounds++;
            _waits.Writer.TryWrite(timer);
            return timer;
        }

        /// <summary>Moves the clock on and waits until the round it woke has started.</summary>
        public async Task StepAsync(TimeSpan by)
        {
            Advance(by);
            await WaitForNextRoundAsync();
        }

        public async Task WaitForNextRoundAsync()
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            Assert.True(await _waits.Reader.WaitToReadAsync(patience.Token) && _waits.Reader.TryRead(out _), "The poller did not start its next round.");
        }
    }

    private sealed class CountingScopes(IServiceScopeFactory inner) : IServiceScopeFactory
    {
        private int _created;

        public int Created => Volatile.Read(ref _created);

        public IServiceScope CreateScope()
        {
            Interlocked.Increment(ref _created);
            return inner.CreateScope();
        }
    }

    private sealed class FixedOptions(LiveOptions value) : IOptionsMonitor<LiveOptions>
    {
        public LiveOptions CurrentValue => value;

        public LiveOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<LiveOptions, string?> listener) => null;
    }
}
