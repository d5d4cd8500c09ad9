using Mailroom.Search;

namespace Mailroom.Tests.Search;

public sealed class FullTextQueryTests
{
    private static readonly SearchContext Context = new(TimeZoneInfo.Utc, DateTimeOffset.UnixEpoch);

    private static (string Fts5, string TsQuery) Render(string text)
    {
        var query = SearchQueryParser.Parse(text, Context);
        var all = query.Positive.ToList();
        var none = query.Negative.ToList();
        return (FullTextQuery.Fts5(all, none), FullTextQuery.TsQuery(all, none));
    }

    [Fact]
    public void Render_WordsPhrasesFieldsAndExclusions_ForBothIndexes()
    {
        var (fts5, tsQuery) = Render("renewal OR contract from:alice@example.com \"next week\" -draft pine*");

        Assert.Equal(
            """("renewal" OR "contract") AND ({sender} : "alice example com") AND ("next week") AND ("pine" *) NOT ("draft")""", fts5);
        Assert.Equal(
            "(('renewal') | ('contract')) & (('~falice' <-> '~fexample' <-> '~fcom')) & (('next' <-> 'week')) & (('pine':*)) & !(('draft'))",
            tsQuery);
    }

    [Fact]
    public void Render_To_LooksInToAndCc()
    {
        var (fts5, tsQuery) = Render("to:bob");

        Assert.Equal("""({recipients cc} : "bob")""", fts5);
        Assert.Equal("(('~tbob') | ('~cbob'))", tsQuery);
    }

    [Theory]
    [InlineData("'; DROP TABLE x; --")]
    [InlineData("\"a\"\" OR \"b")]
    [InlineData("NEAR(a b) {sender} : ^c")]
    [InlineData("'a' & !b | c <-> d:*")]
    public void Render_HostileInput_OnlyQuotedTokensReachTheIndex(string text)
    {
        var (fts5, tsQuery) = Render(text);

        // Outside the quotes there are only the renderer's own operators.
        var fts5Outside = string.Concat(fts5.Split('"').Where((_, i) => i % 2 == 0));
        Assert.Matches(@"^[() ANDORT*{}:a-z]*$", fts5Outside);
        var tsOutside = string.Concat(tsQuery.Split('\'').Where((_, i) => i % 2 == 0));
        Assert.Matches(@"^[()&|!<\-> :*]*$", tsOutside);
    }
}
