using Mailroom.Messages;
using Mailroom.Search;

namespace Mailroom.Tests.Messages;

public sealed class MessageListQueryTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly MessageDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task List_PagesThroughEveryMessageOnce_NewestSentFirst_EvenWithEqualDates()
    {
        var owner = await _database.AddUserAsync("owner@example.test");
        var account = await _database.AddAccountAsync(owner, "work");
        var expected = new List<(DateTimeOffset SentAt, long Id)>();
        for (var i = 0; i < 23; i++)
        {
            var sentAt = Start.AddHours(i % 7);   // many share a sent date: the id must break the tie
            expected.Add((sentAt, await _database.AddMessageAsync(account, owner, sentAt)));
        }

        var seen = new List<MessageListItem>();
        MessageCursor? cursor = null;
        do
        {
            await using var db = _database.NewContext();
            var page = await new MessageListQuery(db).ListAsync(new MessageListRequest(owner, account, After: cursor, PageSize: 5), default);
            seen.AddRange(page!.Items);
            cursor = page.Older;
        }
        while (cursor is not null);

        Assert.Equal(
            expected.OrderByDescending(e => e.SentAt).ThenByDescending(e => e.Id).Select(e => e.Id),
            seen.Select(m => m.Id));
    }

    [Fact]
    public async Task List_Before_GoesBackToTheSameNewerPages()
    {
        var owner = await _database.AddUserAsync("owner@example.test");
        var account = await _database.AddAccountAsync(owner, "work");
        for (var i = 0; i < 12; i++)
        {
            await _database.AddMessageAsync(account, owner, Start.AddHours(i % 4));
        }

        await using var db = _database.NewContext();
        var query = new MessageListQuery(db);
        var first = (await query.ListAsync(new MessageListRequest(owner, account, PageSize: 5), default))!;
        var second = (await query.ListAsync(new MessageListRequest(owner, account, After: first.Older, PageSize: 5), default))!;
        var third = (await query.ListAsync(new MessageListRequest(owner, account, After: second.Older, PageSize: 5), default))!;
        var backToSecond = (await query.ListAsync(new MessageListRequest(owner, account, PageSize: 5, Before: third.Newer), default))!;
        var backToFirst = (await query.ListAsync(new MessageListRequest(owner, account, PageSize: 5, Before: backToSecond.Newer), default))!;

        Assert.Null(first.Newer);
        Assert.Equal(2, third.Items.Count);
        Assert.Null(third.Older);
        Assert.Equal(second.Items.Select(m => m.Id), backToSecond.Items.Select(m => m.Id));
        Assert.Equal(first.Items.Select(m => m.Id), backToFirst.Items.Select(m => m.Id));
        Assert.Null(backToFirst.Newer);
        Assert.Equal(first.Older, backToFirst.Older);
    }

    [Fact]
    public async Task List_AllMail_GathersEveryAccountOfTheOwner_AndNoOneElses()
    {
        var owner = await _database.AddUserAsync("owner@example.test");
        var stranger = await _database.AddUserAsync("stranger@example.test");
        var work = await _database.AddAccountAsync(owner, "work");
        var home = await _database.AddAccountAsync(owner, "home");
        var theirs = await _database.AddAccountAsync(stranger, "theirs");
        var fromWork = await _database.AddMessageAsync(work, owner, Start.AddDays(1));
        var fromHome = await _database.AddMessageAsync(home, owner, Start.AddDays(2));
        await _database.AddMessageAsync(theirs, stranger, Start.AddDays(3));

        await using var db = _database.NewContext();
        var query = new MessageListQuery(db);
        var all = await query.ListAsync(new MessageListRequest(owner, AccountId: null), default);
        var workOnly = await query.ListAsync(new MessageListRequest(owner, work), default);
        var notMine = await query.ListAsync(new MessageListRequest(owner, theirs), default);

        Assert.Equal([fromHome, fromWork], all!.Items.Select(m => m.Id));
        Assert.Equal([fromWork], workOnly!.Items.Select(m => m.Id));
        Assert.Null(notMine);
    }

    [Theory]
    [InlineData("invoice", new[] { 1, 3 })]
    [InlineData("INVOICE march", new[] { 3 })]
    [InlineData("from:alice", new[] { 1, 2 })]
    [InlineData("to:bob", new[] { 2 })]
    [InlineData("subject:\"march invoice\"", new[] { 3 })]
    [InlineData("100%", new int[0])]
    [InlineData("a_ice", new int[0])]
    [InlineData("-invoice", new[] { 2 })]
    [InlineData("lunch OR march", new[] { 2, 3 })]
    public async Task List_Search_FindsSenderRecipientAndSubjectWords(string search, int[] expectedNumbers)
    {
        var owner = await _database.AddUserAsync("owner@example.test");
        var account = await _database.AddAccountAsync(owner, "work");
        var ids = new Dictionary<long, int>
        {
            [await _database.AddMessageAsync(account, owner, Start.AddDays(1), from: "Alice <alice@example.test>", subject: "Invoice 42")] = 1,
            [await _database.AddMessageAsync(account, owner, Start.AddDays(2), from: "Alice <alice@example.test>", subject: "Lunch", to: "Bob <bob@example.test>")] = 2,
            [await _database.AddMessageAsync(account, owner, Start.AddDays(3), from: "Carol <carol@example.test>", subject: "March invoice")] = 3,
        };

        await using var db = _database.NewContext();
        var page = await new MessageListQuery(db).ListAsync(
            new MessageListRequest(owner, account, Search: SearchQueryParser.Parse(search, new SearchContext(TimeZoneInfo.Utc, Start))), default);

        Assert.Equal(expectedNumbers.Order(), page!.Items.Select(m => ids[m.Id]).Order());
    }
}
