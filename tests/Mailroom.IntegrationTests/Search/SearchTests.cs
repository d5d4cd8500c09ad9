using System.Net;
using System.Net.Http.Json;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.IntegrationTests.Reading;
using Mailroom.Search;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.IntegrationTests.Search;

/// <summary>Full-text search through GET /api/messages?q=, on each database: what is found, what is not, and whose.</summary>
public abstract class SearchTests(MailroomAppFactory app)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Search_FindsWordsInBodiesOfEveryCharset_AndInHtmlParts()
    {
        var mail = await MailboxAsync("bodies");
        var plain = await mail.AddAsync(SearchMail.Text("Ann <ann@example.test>", "Hello", Start,
            "Hi,\r\nThe secret word for search testing is pineapplequokka.\r\nBye"));
        var htmlOnly = await mail.AddAsync(SearchMail.HtmlOnly("Ann <ann@example.test>", "Newsletter", Start.AddHours(1),
            "<html><head><style>p{color:red}</style></head><body><p>Our <b>marmalade</b>festival</p></body></html>"));
        var alternative = await mail.AddAsync(SearchMail.Alternative("Ann <ann@example.test>", "Both", Start.AddHours(2),
            "The plain part says little.", "<p>The plain part says little. Only here: <i>zanzibarite</i></p>"));
        var latin1 = await mail.AddAsync(SearchMail.Text("Jörg <joerg@example.test>", "Grüße", Start.AddHours(3),
            "Viele Grüße aus Köln, mit Café crème", "iso-8859-1"));
        var windows1252 = await mail.AddAsync(SearchMail.Text("Zoë <zoe@example.test>", "CV", Start.AddHours(4),
            "My “résumé” costs 5 € — naïve", "windows-1252"));
        var japanese = await mail.AddAsync(SearchMail.Japanese("Taro <taro@example.test>", "Minutes", Start.AddHours(5),
            "会議の議事録を送ります。よろしくお願いします。"));

        Assert.Equal([plain], await mail.SearchIdsAsync("pineapplequokka"));
        Assert.Equal([plain], await mail.SearchIdsAsync("PineappleQuokka"));
        Assert.Equal([htmlOnly], await mail.SearchIdsAsync("marmalade"));
        Assert.Empty(await mail.SearchIdsAsync("color"));
        Assert.Equal([alternative], await mail.SearchIdsAsync("zanzibarite"));
        Assert.Equal([latin1], await mail.SearchIdsAsync("köln"));
        Assert.Equal([latin1], await mail.SearchIdsAsync("cafe creme"));
        Assert.Equal([latin1], await mail.SearchIdsAsync("grüsse"));
        Assert.Equal([windows1252], await mail.SearchIdsAsync("resume naive"));
        Assert.Equal([japanese], await mail.SearchIdsAsync("議事録"));
        Assert.Empty(await mail.SearchIdsAsync("議事会"));
    }

    [Fact]
    public async Task Search_FindsAttachmentNames_AndSendersByNameAndAddress()
    {
        var mail = await MailboxAsync("people");
        var forecast = await mail.AddAsync(SearchMail.WithAttachment("Zoë Quintana <zq@clients.example>", "Numbers", Start,
            "See attached.", "Q3-forecast_budget.xlsx"));
        var other = await mail.AddAsync(SearchMail.Text("Bob Stone <bob@stone.example>", "Forecast meeting", Start.AddDays(1),
            "About the weather.", to: "Zoe Quintana <zq@clients.example>"));

        Assert.Equal([forecast], await mail.SearchIdsAsync("filename:forecast"));
        Assert.Equal([forecast], await mail.SearchIdsAsync("budget.xlsx"));
        Assert.Equal([other, forecast], await mail.SearchIdsAsync("forecast"));
        Assert.Equal([forecast], await mail.SearchIdsAsync("from:zoe"));
        Assert.Equal([forecast], await mail.SearchIdsAsync("from:quintana"));
        Assert.Equal([forecast], await mail.SearchIdsAsync("from:zq@clients.example"));
        Assert.Equal([other], await mail.SearchIdsAsync("to:zq@clients.example"));
        Assert.Equal([other], await mail.SearchIdsAsync("from:\"bob stone\""));
        Assert.Empty(await mail.SearchIdsAsync("from:\"bob example\""));
        Assert.Equal([other, forecast], await mail.SearchIdsAsync("zq@clients.example"));
    }

    [Fact]
    public async Task Search_CombinesDatesExclusionsOrAndPhrases()
    {
        var mail = await MailboxAsync("logic");
        var march1 = await mail.AddAsync(SearchMail.Text("a@example.test", "One", Start, "renewal of the annual contract"));
        var march2 = await mail.AddAsync(SearchMail.Text("a@example.test", "Two", Start.AddDays(1), "the contract renewal is due"));
        var march3 = await mail.AddAsync(SearchMail.Text("a@example.test", "Three", Start.AddDays(2), "renewal draft attached"));
        var march4 = await mail.AddAsync(SearchMail.Text("a@example.test", "Four", Start.AddDays(3), "invoice for March"));

        Assert.Equal([march3, march2, march1], await mail.SearchIdsAsync("renewal"));
        Assert.Equal([march3, march2], await mail.SearchIdsAsync("renewal after:2026/03/02"));
        Assert.Equal([march3, march2], await mail.SearchIdsAsync("renewal after:2026/03/02 before:2026/03/04"));
        Assert.Equal([march2], await mail.SearchIdsAsync("after:2026/03/02 before:2026/03/03"));
        Assert.Equal([march2, march1], await mail.SearchIdsAsync("renewal -draft"));
        Assert.Equal([march4, march1], await mail.SearchIdsAsync("annual OR invoice"));
        Assert.Equal([march4, march3, march2, march1], await mail.SearchIdsAsync("renewal OR invoice"));
        Assert.Equal([march2], await mail.SearchIdsAsync("\"contract renewal\""));
        Assert.Equal([march1], await mail.SearchIdsAsync("\"renewal of the\""));
        Assert.Equal([march4], await mail.SearchIdsAsync("-renewal"));
        Assert.Equal([march3], await mail.SearchIdsAsync("dra", partial: true));
    }

    [Fact]
    public async Task Search_IgnoresAccents_BothWays()
    {
        var mail = await MailboxAsync("accents");
        var accented = await mail.AddAsync(SearchMail.Text("a@example.test", "Visit", Start, "Señor Müller arrives at the Ångström café"));
        var plain = await mail.AddAsync(SearchMail.Text("a@example.test", "Visit", Start.AddDays(1), "senor muller and the angstrom cafe again"));

        Assert.Equal([plain, accented], await mail.SearchIdsAsync("senor muller"));
        Assert.Equal([plain, accented], await mail.SearchIdsAsync("SEÑOR MÜLLER"));
        Assert.Equal([plain, accented], await mail.SearchIdsAsync("\"angström café\""));
    }

    [Fact]
    public async Task Search_HighlightsTheMatch_CountsResults_AndSaysWhatWasSearched()
    {
        var mail = await MailboxAsync("results");
        var filler = string.Concat(Enumerable.Repeat("Nothing to see in this sentence. ", 20));
        await mail.AddAsync(SearchMail.Text("a@example.test", "Long", Start, filler + "Here the Crème brûlée appears." + filler));
        await mail.AddAsync(SearchMail.Text("a@example.test", "Other", Start.AddDays(1), "Crème only"));

        var found = await mail.SearchAsync("creme brulee");
        var none = await mail.SearchAsync("from:nobody zebra");

        Assert.Equal(1, found.Search!.Count);
        var item = Assert.Single(found.Items);
        Assert.Contains("Here the Crème brûlée appears.", item.Snippet, StringComparison.Ordinal);
        Assert.StartsWith("…", item.Snippet, StringComparison.Ordinal);
        Assert.Equal(["Crème", "brûlée"], item.Highlights!.Select(h => item.Snippet.Substring(h.Start, h.Length)));
        Assert.Empty(none.Items);
        Assert.Equal(0, none.Search!.Count);
        Assert.Equal("“nobody” in the sender; “zebra”", none.Search.Searched);
    }

    [Fact]
    public async Task Search_WithMoreMatchesThanItSorts_PagesNewestFirst_AndCapsTheCount()
    {
        // Past 2,000 matches SQLite walks the list's index instead of sorting the matches; past 1,000 the count stops.
        var mail = await MailboxAsync("many");
        const int matching = 2_005;
        for (var i = 0; i < matching; i++)
        {
            await mail.AddAsync(SearchMail.Text("a@example.test", $"Report {i}", Start.AddMinutes(i), "the word plentifulword is here"));
        }

        await mail.AddAsync(SearchMail.Text("a@example.test", "Newest, not matching", Start.AddDays(30), "nothing to find"));

        var found = await mail.SearchAsync("plentifulword");

        Assert.True(found.Search!.CountIsCapped);
        Assert.Equal(1_000, found.Search.Count);
        Assert.Equal(Enumerable.Range(0, found.Items.Count).Select(i => $"Report {matching - 1 - i}"), found.Items.Select(item => item.Subject));
    }

    [Fact]
    public async Task Search_NeverMatchesAnotherUsersMail()
    {
        var mine = await MailboxAsync("mine");
        var theirs = await MailboxAsync("theirs");
        await theirs.AddAsync(SearchMail.Text("a@example.test", "Theirs", Start, "the word kumquatzebra is private"));
        var own = await mine.AddAsync(SearchMail.Text("a@example.test", "Mine", Start, "nothing of interest"));

        var result = await mine.SearchAsync("kumquatzebra");
        using var theirAccount = await mine.Client.GetAsync(new Uri($"api/messages?account={theirs.Account}&q=kumquatzebra", UriKind.Relative));
        var negated = await mine.SearchIdsAsync("-kumquatzebra");

        Assert.Empty(result.Items);
        Assert.Equal(0, result.Search!.Count);
        Assert.Equal(HttpStatusCode.NotFound, theirAccount.StatusCode);
        Assert.Equal([own], negated);
        Assert.Single(await theirs.SearchIdsAsync("kumquatzebra"));
    }

    [Theory]
    [InlineData("Malformed")]
    [InlineData("Hostile")]
    public async Task Search_IndexesEveryCorpusMessage_AndHostileQueriesNeverFail(string corpus)
    {
        var mail = await MailboxAsync(corpus.ToLowerInvariant());
        var ids = new List<long>();
        foreach (var name in Corpus.Names(corpus))
        {
            ids.Add(await mail.AddAsync(Corpus.Read(corpus, name)));
        }

        var indexed = await app.WithDbContextAsync(db => db.MessageTexts.CountAsync(t => ids.Contains(t.MessageId)));
        Assert.Equal(ids.Count, indexed);
        string[] hostile = ["\"unbalanced", "'; DROP TABLE \"Messages\"; --", "NEAR(a b) {sender} : x *", "'a' & !b | c <-> d:*",
            "\0\uD800", "-", "OR", "from:", string.Concat(Enumerable.Repeat("x\" OR -y from:(z ", 100)), new string('w', 6_000)];
        foreach (var query in hostile)
        {
            using var response = await mail.Client.GetAsync(new Uri($"api/messages?q={Uri.EscapeDataString(query)}&partial=true", UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"“{query[..Math.Min(40, query.Length)]}” answered {(int)response.StatusCode}");
        }

        Assert.Equal(ids.Count, (await mail.SearchAsync("-zzzzqqqq")).Search!.Count);
    }

    private async Task<SearchMailbox> MailboxAsync(string name)
    {
        var user = TestUser.Create(name);
        var client = await ApiSession.CreateSignedInClientAsync(app, user);
        var ownerId = await MessageSeeder.UserIdAsync(app, user);
        var account = await MessageSeeder.AddAccountAsync(app, ownerId, name);
        return new SearchMailbox(app, client, ownerId, account);
    }

    private sealed record SearchMailbox(MailroomAppFactory App, HttpClient Client, string OwnerId, Guid Account)
    {
        public Task<long> AddAsync(byte[] raw) => MessageSeeder.AddMessageAsync(App, Account, OwnerId, raw);

        public async Task<SearchBody> SearchAsync(string q, bool partial = false) =>
            (await Client.GetFromJsonAsync<SearchBody>($"api/messages?q={Uri.EscapeDataString(q)}&partial={(partial ? "true" : "false")}&tz=UTC"))!;

        public async Task<IReadOnlyList<long>> SearchIdsAsync(string q, bool partial = false, bool expectNotes = false)
        {
            var body = await SearchAsync(q, partial);
            Assert.Equal(expectNotes, body.Search!.Notes.Count > 0);
            return [.. body.Items.Select(i => i.Id)];
        }
    }

    private sealed record SearchBody(IReadOnlyList<SearchItem> Items, SearchSummaryBody? Search);

    private sealed record SearchSummaryBody(int Count, bool CountIsCapped, string Searched, IReadOnlyList<string> Notes);

    private sealed record SearchItem(long Id, string Subject, string Snippet, IReadOnlyList<TextRange>? Highlights);
}

public sealed class SearchTestsOnSqlite(SqliteApp app) : SearchTests(app), IClassFixture<SqliteApp>;

public sealed class SearchTestsOnPostgres(PostgresApp app) : SearchTests(app), IClassFixture<PostgresApp>;
