using Mailroom.Accounts;
using Mailroom.Fetching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Mailroom.Tests.Fetching;

public sealed class FetchStateStoreTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly FetchStateStore _states;

    public FetchStateStoreTests() => _states = new FetchStateStore(_database, _time);

    [Fact]
    public async Task ClaimDue_NewAccount_IsClaimedAtOnce()
    {
        var account = await _database.AddAccountAsync();

        await _states.ScheduleNewAccountsAsync(default);
        var claimed = await ClaimAsync("node-a", 10);

        Assert.Equal([account], claimed.Select(l => l.AccountId));
        await using var db = _database.CreateDbContext();
        var state = await db.AccountFetchStates.SingleAsync();
        Assert.Equal("node-a", state.LeaseHolder);
        Assert.Equal(_time.GetUtcNow() + Lease, state.LeaseExpiresAt);
    }

    [Fact]
    public async Task ClaimDue_WhileAnotherNodeHoldsTheLease_GetsNothing()
    {
        await _database.AddAccountAsync();
        await _states.ScheduleNewAccountsAsync(default);
        await ClaimAsync("node-a", 10);

        _time.Advance(Lease - TimeSpan.FromSeconds(1));

        Assert.Empty(await ClaimAsync("node-b", 10));
    }

    [Fact]
    public async Task ClaimDue_AfterTheLeaseExpires_AnotherNodeTakesOver_AndTheFirstCannotRenew()
    {
        await _database.AddAccountAsync();
        await _states.ScheduleNewAccountsAsync(default);
        var first = (await ClaimAsync("node-a", 10)).Single();

        _time.Advance(Lease);
        var second = (await ClaimAsync("node-b", 10)).Single();

        Assert.Equal(first.AccountId, second.AccountId);
        Assert.False(await _states.RenewAsync(first, new FetchProgressSnapshot(0, 0, 0, 0), Lease, default));
        Assert.True(await _states.RenewAsync(second, new FetchProgressSnapshot(1, 2, 3, 4), Lease, default));
    }

    [Fact]
    public async Task Holds_OnceTheLeaseHasExpired_IsFalse_SoAStalledNodeCannotCommitABatch()
    {
        await _database.AddAccountAsync();
        await _states.ScheduleNewAccountsAsync(default);
        var lease = (await ClaimAsync("node-a", 10)).Single();
        await using var db = _database.CreateDbContext();

        Assert.True(await FetchStateStore.HoldsAsync(db, lease, _time.GetUtcNow(), default));
        _time.Advance(Lease);
        Assert.False(await FetchStateStore.HoldsAsync(db, lease, _time.GetUtcNow(), default));
    }

    [Fact]
    public async Task Renew_ExtendsTheLease_AndPublishesProgress()
    {
        await _database.AddAccountAsync();
        await _states.ScheduleNewAccountsAsync(default);
        var lease = (await ClaimAsync("node-a", 10)).Single();

        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await _states.RenewAsync(lease, new FetchProgressSnapshot(5, 10, 500, 1000), Lease, default));
        _time.Advance(TimeSpan.FromSeconds(20));

        Assert.Empty(await ClaimAsync("node-b", 10));
        await using var db = _database.CreateDbContext();
        var state = await db.AccountFetchStates.SingleAsync();
        Assert.Equal((5, 10, 500L, 1000L), (state.MessagesDone, state.MessagesTotal, state.BytesDone, state.BytesTotal));
    }

    [Fact]
    public async Task ClaimDue_DisabledAccount_IsNeverClaimed()
    {
        await _database.AddAccountAsync(AccountState.Disabled);

        await _states.ScheduleNewAccountsAsync(default);

        Assert.Empty(await ClaimAsync("node-a", 10));
    }

    [Fact]
    public async Task ClaimDue_TakesNoMoreThanTheFreeSlots_MostOverdueFirst()
    {
        for (var i = 0; i < 5; i++)
        {
            await _database.AddAccountAsync();
        }

        await _states.ScheduleNewAccountsAsync(default);

        Assert.Equal(2, (await ClaimAsync("node-a", 2)).Count);
        Assert.Equal(3, (await ClaimAsync("node-b", 10)).Count);
        Assert.Empty(await ClaimAsync("node-c", 10));
        Assert.Empty(await ClaimAsync("node-c", 0));
    }

    [Fact]
    public async Task ScheduleNewAccounts_RunTwice_KeepsOneRowPerAccount()
    {
        await _database.AddAccountAsync();

        await _states.ScheduleNewAccountsAsync(default);
        await _states.ScheduleNewAccountsAsync(default);

        await using var db = _database.CreateDbContext();
        Assert.Equal(1, await db.AccountFetchStates.CountAsync());
    }

    [Fact]
    public async Task ClaimDue_LeavesOutAccountsOnSkippedHosts()
    {
        await _database.AddAccountAsync(host: "pop.Busy.example");
        var free = await _database.AddAccountAsync(host: "pop.free.example");
        await _states.ScheduleNewAccountsAsync(default);

        var claimed = await _states.ClaimDueAsync("node-a", 10, Lease, new ClaimFilter(false, ["pop.busy.example"]), default);

        Assert.Equal([(free, "pop.free.example")], claimed.Select(c => (c.Lease.AccountId, c.Host)));
    }

    [Fact]
    public async Task ClaimDue_RequestedOnly_TakesJustTheFetchNowRequests()
    {
        await _database.AddAccountAsync();
        var requested = await _database.AddAccountAsync();
        await _states.ScheduleNewAccountsAsync(default);
        Assert.True(await _states.RequestAsync(requested, default));

        var claimed = await _states.ClaimDueAsync("node-a", 10, Lease, new ClaimFilter(true, []), default);

        Assert.Equal([requested], claimed.Select(c => c.Lease.AccountId));
    }

    [Fact]
    public async Task ReleaseUnchanged_HandsTheAccountBack_StillDue()
    {
        await _database.AddAccountAsync();
        await _states.ScheduleNewAccountsAsync(default);
        var lease = (await ClaimAsync("node-a", 1)).Single();

        await _states.ReleaseUnchangedAsync([lease], default);

        Assert.Single(await ClaimAsync("node-b", 1));
    }

    [Fact]
    public async Task Request_ForAnInactiveAccount_ChangesNothing()
    {
        var disabled = await _database.AddAccountAsync(AccountState.Disabled);
        await _states.ScheduleNewAccountsAsync(default);

        Assert.False(await _states.RequestAsync(disabled, default));
    }

    private async Task<List<FetchLease>> ClaimAsync(string node, int limit) =>
        [.. (await _states.ClaimDueAsync(node, limit, Lease, ClaimFilter.Any, default)).Select(c => c.Lease)];

    public void Dispose() => _database.Dispose();
}
