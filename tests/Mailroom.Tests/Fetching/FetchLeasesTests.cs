using Mailroom.Accounts;
using Mailroom.Fetching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Mailroom.Tests.Fetching;

public sealed class FetchLeasesTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly FetchLeases _leases;

    public FetchLeasesTests() => _leases = new FetchLeases(_database, _time);

    [Fact]
    public async Task ClaimDue_NewAccount_IsClaimedAtOnce()
    {
        var account = await _database.AddAccountAsync();

        await _leases.ScheduleNewAccountsAsync(default);
        var claimed = await _leases.ClaimDueAsync("node-a", 10, Lease, default);

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
        await _leases.ScheduleNewAccountsAsync(default);
        await _leases.ClaimDueAsync("node-a", 10, Lease, default);

        _time.Advance(Lease - TimeSpan.FromSeconds(1));

        Assert.Empty(await _leases.ClaimDueAsync("node-b", 10, Lease, default));
    }

    [Fact]
    public async Task ClaimDue_AfterTheLeaseExpires_AnotherNodeTakesOver_AndTheFirstCannotRenew()
    {
        await _database.AddAccountAsync();
        await _leases.ScheduleNewAccountsAsync(default);
        var first = (await _leases.ClaimDueAsync("node-a", 10, Lease, default)).Single();

        _time.Advance(Lease);
        var second = (await _leases.ClaimDueAsync("node-b", 10, Lease, default)).Single();

        Assert.Equal(first.AccountId, second.AccountId);
        Assert.False(await _leases.RenewAsync(first, new FetchProgressSnapshot(0, 0, 0, 0), Lease, default));
        Assert.True(await _leases.RenewAsync(second, new FetchProgressSnapshot(1, 2, 3, 4), Lease, default));
    }

    [Fact]
    public async Task Holds_OnceTheLeaseHasExpired_IsFalse_SoAStalledNodeCannotCommitABatch()
    {
        await _database.AddAccountAsync();
        await _leases.ScheduleNewAccountsAsync(default);
        var lease = (await _leases.ClaimDueAsync("node-a", 10, Lease, default)).Single();
        await using var db = _database.CreateDbContext();

        Assert.True(await FetchLeases.HoldsAsync(db, lease, _time.GetUtcNow(), default));
        _time.Advance(Lease);
        Assert.False(await FetchLeases.HoldsAsync(db, lease, _time.GetUtcNow(), default));
    }

    [Fact]
    public async Task Renew_ExtendsTheLease_AndPublishesProgress()
    {
        await _database.AddAccountAsync();
        await _leases.ScheduleNewAccountsAsync(default);
        var lease = (await _leases.ClaimDueAsync("node-a", 10, Lease, default)).Single();

        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await _leases.RenewAsync(lease, new FetchProgressSnapshot(5, 10, 500, 1000), Lease, default));
        _time.Advance(TimeSpan.FromSeconds(20));

        Assert.Empty(await _leases.ClaimDueAsync("node-b", 10, Lease, default));
        await using var db = _database.CreateDbContext();
        var state = await db.AccountFetchStates.SingleAsync();
        Assert.Equal((5, 10, 500L, 1000L), (state.MessagesDone, state.MessagesTotal, state.BytesDone, state.BytesTotal));
    }

    [Fact]
    public async Task ClaimDue_DisabledAccount_IsNeverClaimed()
    {
        await _database.AddAccountAsync(AccountState.Disabled);

        await _leases.ScheduleNewAccountsAsync(default);

        Assert.Empty(await _leases.ClaimDueAsync("node-a", 10, Lease, default));
    }

    [Fact]
    public async Task ClaimDue_TakesNoMoreThanTheFreeSlots_MostOverdueFirst()
    {
        for (var i = 0; i < 5; i++)
        {
            await _database.AddAccountAsync();
        }

        await _leases.ScheduleNewAccountsAsync(default);

        Assert.Equal(2, (await _leases.ClaimDueAsync("node-a", 2, Lease, default)).Count);
        Assert.Equal(3, (await _leases.ClaimDueAsync("node-b", 10, Lease, default)).Count);
        Assert.Empty(await _leases.ClaimDueAsync("node-c", 10, Lease, default));
        Assert.Empty(await _leases.ClaimDueAsync("node-c", 0, Lease, default));
    }

    [Fact]
    public async Task ScheduleNewAccounts_RunTwice_KeepsOneRowPerAccount()
    {
        await _database.AddAccountAsync();

        await _leases.ScheduleNewAccountsAsync(default);
        await _leases.ScheduleNewAccountsAsync(default);

        await using var db = _database.CreateDbContext();
        Assert.Equal(1, await db.AccountFetchStates.CountAsync());
    }

    public void Dispose() => _database.Dispose();
}
