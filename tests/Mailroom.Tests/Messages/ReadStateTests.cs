using Mailroom.Live;
using Mailroom.Messages;
using Microsoft.Extensions.Time.Testing;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Tests.Messages;

public sealed class ReadStateTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly MessageDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Set_MarksSeveralReadAndUnread_AndTheUnreadCountsFollow()
    {
        var owner = await _database.AddUserAsync("owner@example.test");
        var work = await _database.AddAccountAsync(owner, "work");
        var home = await _database.AddAccountAsync(owner, "home");
        var first = await _database.AddMessageAsync(work, owner, Start);
        var second = await _database.AddMessageAsync(work, owner, Start.AddDays(1));
        await _database.AddMessageAsync(home, owner, Start.AddDays(2));

        await using var db = _database.NewContext();
        var before = await new UnreadCounter(db).CountAsync(owner, default);
        var changed = await new ReadState(db, new FakeTimeProvider(Start)).SetAsync(owner, [first, second], read: true, default);
        var afterRead = await new UnreadCounter(db).CountAsync(owner, default);
        await new ReadState(db, new FakeTimeProvider(Start)).SetAsync(owner, [second], read: false, default);
        var afterUnread = await new UnreadCounter(db).CountAsync(owner, default);

        Assert.Equal((2, 1, 3), (before.For(work), before.For(home), before.Total));
        Assert.Equal(2, changed);
        Assert.Equal((0, 1, 1), (afterRead.For(work), afterRead.For(home), afterRead.Total));
        Assert.Equal((1, 2), (afterUnread.For(work), afterUnread.Total));
    }

    [Fact]
    public async Task Set_AnnouncesTheChangeToTheOwnersOpenPages_OnlyWhenItFoundTheirMessages()
    {
        var owner = await _database.AddUserAsync("owner@example.test");
        var stranger = await _database.AddUserAsync("stranger@example.test");
        var mine = await _database.AddMessageAsync(await _database.AddAccountAsync(owner, "work"), owner, Start);
        var theirs = await _database.AddMessageAsync(await _database.AddAccountAsync(stranger, "theirs"), stranger, Start);

        await using var db = _database.NewContext();
        await new ReadState(db, new FakeTimeProvider(Start)).SetAsync(owner, [theirs], read: true, default);
        var afterStrangers = await db.MailboxEvents.CountAsync();
        await new ReadState(db, new FakeTimeProvider(Start)).SetAsync(owner, [mine], read: true, default);

        Assert.Equal(0, afterStrangers);
        var change = await db.MailboxEvents.SingleAsync();
        Assert.Equal((owner, (Guid?)null, MailboxChange.Read, Start), (change.UserId, change.AccountId, change.Change, change.At));
    }

    [Fact]
    public async Task Set_NeverTouchesAnotherUsersMessages()
    {
        var owner = await _database.AddUserAsync("owner@example.test");
        var stranger = await _database.AddUserAsync("stranger@example.test");
        var theirs = await _database.AddMessageAsync(await _database.AddAccountAsync(stranger, "theirs"), stranger, Start);

        await using var db = _database.NewContext();
        var changed = await new ReadState(db, new FakeTimeProvider(Start)).SetAsync(owner, [theirs], read: true, default);

        Assert.Equal(0, changed);
        Assert.False((await db.Messages.SingleAsync(m => m.Id == theirs)).IsRead);
        Assert.Null(await new MessageLookup(db).FindAsync(owner, theirs, default));
        Assert.NotNull(await new MessageLookup(db).FindAsync(stranger, theirs, default));
    }
}
