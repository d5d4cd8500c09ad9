using Mailroom.Fetching;
using Mailroom.Network;
using Mailroom.Tests.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Mailroom.Tests.Fetching;

public sealed class FetchJournalTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly MailFailure Refused = new(MailFailureKind.Connection, MailFailureReason.Refused, "refused");

    private static readonly FetchingOptions Options = new()
    {
        PollInterval = TimeSpan.FromMinutes(5),
        BackoffInitial = TimeSpan.FromMinutes(1),
        BackoffMax = TimeSpan.FromMinutes(10),
        HistoryLength = 3,
    };

    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly FetchStateStore _states;
    private readonly FetchJournal _journal;
    private readonly FetchRequests _requests;

    public FetchJournalTests()
    {
        _states = new FetchStateStore(_database, _time);
        _journal = new FetchJournal(_database, _states, new StaticOptionsMonitor<FetchingOptions>(Options), _time);
        _requests = new FetchRequests(_states, new FetchWakeup(_time));
    }

    [Fact]
    public async Task Succeed_SchedulesTheNextPollAndFreesTheLease()
    {
        var accountId = await _database.AddAccountAsync();
        var (lease, run) = await StartAsync();

        _time.Advance(TimeSpan.FromSeconds(3));
        await _journal.SucceedAsync(lease, run, SignedIn(), default);

        var state = await StateAsync(accountId);
        Assert.Equal(_time.GetUtcNow() + Options.PollInterval, state.NextFetchAt);
        Assert.Null(state.LeaseToken);
        Assert.Null(state.RunStartedAt);
        var history = await HistoryAsync();
        Assert.Equal(FetchOutcome.Succeeded, history.Single().Outcome);
        Assert.Equal(TimeSpan.FromSeconds(3), history.Single().Duration);
    }

    [Fact]
    public async Task Fail_RepeatedConnectionFailures_BackOffExponentially_UpToTheCap()
    {
        var accountId = await _database.AddAccountAsync();
        var waits = new List<TimeSpan>();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var (lease, run) = await StartAsync();
            await _journal.FailAsync(lease, run, new FetchTally(), Refused, default);
            var state = await StateAsync(accountId);
            waits.Add(state.NextFetchAt - _time.GetUtcNow());
            _time.SetUtcNow(state.NextFetchAt);
        }

        Assert.Equal([1, 2, 4, 8, 10, 10], waits.Select(w => w.TotalMinutes));
        Assert.Equal(6, (await StateAsync(accountId)).ConsecutiveFailures);
        Assert.Equal(MailFailureKind.Connection, (await StateAsync(accountId)).LastFailureKind);
    }

    [Fact]
    public async Task Succeed_AfterFailures_ResetsTheBackoff()
    {
        var accountId = await _database.AddAccountAsync();
        var (lease, run) = await StartAsync();
        await _journal.FailAsync(lease, run, new FetchTally(), Refused, default);
        _time.SetUtcNow((await StateAsync(accountId)).NextFetchAt);

        (lease, run) = await StartAsync();
        await _journal.SucceedAsync(lease, run, SignedIn(), default);

        var state = await StateAsync(accountId);
        Assert.Equal(0, state.ConsecutiveFailures);
        Assert.Null(state.LastFailureKind);
    }

    [Fact]
    public async Task Cancel_IsNotAFailure_AndLeavesTheAccountDue()
    {
        var accountId = await _database.AddAccountAsync();
        var (lease, run) = await StartAsync();

        await _journal.CancelAsync(lease, run, new FetchTally(), default);

        var state = await StateAsync(accountId);
        Assert.Equal(0, state.ConsecutiveFailures);
        Assert.True(state.NextFetchAt <= _time.GetUtcNow());
        Assert.Equal(FetchOutcome.Cancelled, (await HistoryAsync()).Single().Outcome);
        Assert.Single(await ClaimAsync("node-b", 1));
    }

    [Fact]
    public async Task FetchNow_DuringARun_MakesTheAccountDueAgainWhenTheRunEnds()
    {
        var accountId = await _database.AddAccountAsync();
        var (lease, run) = await StartAsync();

        _time.Advance(TimeSpan.FromSeconds(1));
        await _requests.RequestAsync(accountId, default);
        _time.Advance(TimeSpan.FromSeconds(1));
        await _journal.SucceedAsync(lease, run, SignedIn(), default);

        Assert.Equal(_time.GetUtcNow(), (await StateAsync(accountId)).NextFetchAt);
    }

    [Fact]
    public async Task FetchNow_RespectsTheServersLoginDelay()
    {
        var accountId = await _database.AddAccountAsync();
        var (lease, run) = await StartAsync();
        var tally = SignedIn();
        tally.ServerLoginDelay = TimeSpan.FromMinutes(10);
        await _journal.SucceedAsync(lease, run, tally, default);

        _time.Advance(TimeSpan.FromMinutes(1));
        await _requests.RequestAsync(accountId, default);

        Assert.Equal(tally.SignedInAt!.Value.AddMinutes(10), (await StateAsync(accountId)).NextFetchAt);
    }

    [Fact]
    public async Task FetchNow_ForAnIdleAccount_MakesItDueAtOnce()
    {
        var accountId = await _database.AddAccountAsync();
        var (lease, run) = await StartAsync();
        await _journal.SucceedAsync(lease, run, SignedIn(), default);
        Assert.Empty(await ClaimAsync("node-a", 1));

        await _requests.RequestAsync(accountId, default);

        Assert.Single(await ClaimAsync("node-a", 1));
    }

    [Fact]
    public async Task Begin_AfterANodeDied_ClosesItsRunAsInterrupted()
    {
        await _database.AddAccountAsync();
        await StartAsync();

        _time.Advance(Lease);
        await StartAsync();

        var history = await HistoryAsync();
        Assert.Equal([FetchOutcome.Running, FetchOutcome.Interrupted], history.Select(r => r.Outcome));
    }

    [Fact]
    public async Task Begin_AfterANodeDied_ReportsWhatTheInterruptedRunStored()
    {
        var accountId = await _database.AddAccountAsync();
        string ownerId;
        await using (var db = _database.CreateDbContext())
        {
            ownerId = await db.Pop3Accounts.Where(a => a.Id == accountId).Select(a => a.OwnerId).SingleAsync();
            db.Messages.Add(Stored(accountId, ownerId, "before the run", 10));
            await db.SaveChangesAsync();
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        await StartAsync();
        _time.Advance(TimeSpan.FromSeconds(1));
        await using (var db = _database.CreateDbContext())
        {
            db.Messages.AddRange(Enumerable.Range(0, 3).Select(i => Stored(accountId, ownerId, $"batch {i}", 100)));
            await db.SaveChangesAsync();
        }

        _time.Advance(Lease);
        await StartAsync();

        var interrupted = (await HistoryAsync()).Single(r => r.Outcome == FetchOutcome.Interrupted);
        Assert.Equal((3, 300L), (interrupted.NewMessages, interrupted.NewBytes));
    }

    private Mailroom.Messages.StoredMessage Stored(Guid accountId, string ownerId, string subject, long size) => new()
    {
        AccountId = accountId,
        OwnerId = ownerId,
        Folder = Mailroom.Messages.MailFolder.Inbox,
        SentAt = _time.GetUtcNow(),
        StoredAt = _time.GetUtcNow(),
        Subject = subject,
        Size = size,
        Raw = new Mailroom.Messages.RawMessage { Content = new byte[size] },
    };

    [Fact]
    public async Task History_KeepsOnlyTheConfiguredNumberOfRuns()
    {
        var accountId = await _database.AddAccountAsync();
        for (var i = 0; i < 5; i++)
        {
            var (lease, run) = await StartAsync();
            await _journal.SucceedAsync(lease, run, SignedIn(), default);
            _time.SetUtcNow((await StateAsync(accountId)).NextFetchAt);
        }

        Assert.Equal(Options.HistoryLength, (await HistoryAsync()).Count);
    }

    private FetchTally SignedIn() => new() { SignedInAt = _time.GetUtcNow() };

    private async Task<(FetchLease Lease, FetchRunStart Run)> StartAsync()
    {
        await _states.ScheduleNewAccountsAsync(default);
        var lease = (await ClaimAsync("node-a", 1)).Single();
        return (lease, await _journal.BeginAsync(lease, default));
    }

    private async Task<List<FetchLease>> ClaimAsync(string node, int limit) =>
        [.. (await _states.ClaimDueAsync(node, limit, Lease, ClaimFilter.Any, default)).Select(c => c.Lease)];

    private async Task<AccountFetchState> StateAsync(Guid accountId)
    {
        await using var db = _database.CreateDbContext();
        return await db.AccountFetchStates.AsNoTracking().SingleAsync(s => s.AccountId == accountId);
    }

    private async Task<List<FetchRun>> HistoryAsync()
    {
        await using var db = _database.CreateDbContext();
        return await db.FetchRuns.AsNoTracking().OrderByDescending(r => r.Id).ToListAsync();
    }

    public void Dispose() => _database.Dispose();
}
