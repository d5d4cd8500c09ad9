using Mailroom.Messages;
using Mailroom.Search;

namespace Mailroom.Tests.Search;

public sealed class SearchQueryParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 15, 30, 0, TimeSpan.Zero);

    private static SearchQuery Parse(string text, bool typing = false, string zone = "UTC") =>
        SearchQueryParser.Parse(text, new SearchContext(TimeZoneInfo.FindSystemTimeZoneById(zone), Now, typing));

    private static string Shape(SearchQuery query) => string.Join(" AND ", query.Clauses.Select(c =>
        (c.IsNegated ? "-" : "") + string.Join("|", c.Alternatives.Select(t =>
            (t.Field == SearchField.Anywhere ? "" : t.Field + ":") + string.Join("_", t.Tokens) + (t.IsPrefix ? "*" : "")))));

    [Theory]
    [InlineData("Renewal", "renewal")]
    [InlineData("renewal contract", "renewal AND contract")]
    [InlineData("\"Renewal Contract\"", "renewal_contract")]
    [InlineData("renewal OR contract invoice", "renewal|contract AND invoice")]
    [InlineData("renewal | contract", "renewal|contract")]
    [InlineData("-draft renewal", "-draft AND renewal")]
    [InlineData("from:Alice to:bob@example.com cc:carol", "From:alice AND To:bob_example_com AND Cc:carol")]
    [InlineData("subject:\"quarterly report\" filename:invoice.pdf", "Subject:quarterly_report AND FileName:invoice_pdf")]
    [InlineData("FROM:alice", "From:alice")]
    [InlineData("renew*", "renew*")]
    [InlineData("foo:bar", "foo_bar")]
    [InlineData("Crème", "creme")]
    [InlineData("from:alice OR from:bob", "From:alice|From:bob")]
    [InlineData("(renewal OR contract)", "renewal|contract")]
    [InlineData("renewal AND contract", "renewal AND contract")]
    public void Parse_ReadsGmailSyntax(string text, string expected) => Assert.Equal(expected, Shape(Parse(text)));

    [Fact]
    public void Parse_WhileTyping_TakesTheLastWordAsAPrefix_ButNotAfterASpaceOrInQuotes()
    {
        Assert.Equal("renewal AND contr*", Shape(Parse("renewal contr", typing: true)));
        Assert.Equal("renewal AND contr", Shape(Parse("renewal contr ", typing: true)));
        Assert.Equal("renewal_contr", Shape(Parse("\"renewal contr\"", typing: true)));
        Assert.Equal("renewal AND c", Shape(Parse("renewal c", typing: true)));
    }

    [Fact]
    public void Parse_ReadsFlagsAndFolders()
    {
        var query = Parse("has:attachment is:unread in:sent");

        Assert.Empty(query.Clauses);
        Assert.Equal(new SearchFilters(HasAttachments: true, IsRead: false, Folder: MailFolder.Sent), query.Filters);
        Assert.Equal(true, Parse("-is:unread").Filters.IsRead);
        Assert.Equal(false, Parse("-has:attachment").Filters.HasAttachments);
    }

    [Fact]
    public void Parse_DatesAreDaysInTheReadersTimeZone()
    {
        var query = Parse("after:2024/03/01 before:2024-04-01", zone: "Europe/Berlin");

        Assert.Equal(new DateTimeOffset(2024, 2, 29, 23, 0, 0, TimeSpan.Zero), query.Filters.SentFrom);
        Assert.Equal(new DateTimeOffset(2024, 3, 31, 22, 0, 0, TimeSpan.Zero), query.Filters.SentBefore);
    }

    [Fact]
    public void Parse_AgesCountBackFromNow()
    {
        Assert.Equal(Now.AddDays(-7), Parse("newer_than:7d").Filters.SentFrom);
        Assert.Equal(Now.AddDays(-14), Parse("newer_than:2w").Filters.SentFrom);
        Assert.Equal(Now.AddMonths(-6), Parse("older_than:6m").Filters.SentBefore);
        Assert.Equal(Now.AddYears(-1), Parse("older_than:1y").Filters.SentBefore);
    }

    [Theory]
    [InlineData("before:yesterday")]
    [InlineData("after:2024/13/45")]
    [InlineData("older_than:forever")]
    [InlineData("has:kittens")]
    [InlineData("is:starred")]
    [InlineData("in:trash")]
    public void Parse_IgnoresWhatItCannotRead_WithANote(string text)
    {
        var query = Parse(text);

        Assert.True(query.IsEmpty);
        Assert.Contains(text, Assert.Single(query.Notes), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"unbalanced quote")]
    [InlineData("\"")]
    [InlineData("\"\"\"\"\"")]
    [InlineData("-")]
    [InlineData("- - -")]
    [InlineData("OR OR OR")]
    [InlineData("from:")]
    [InlineData("from:\"")]
    [InlineData(":::")]
    [InlineData("'; DROP TABLE \"Messages\"; --")]
    [InlineData("a\" OR 1=1 --")]
    [InlineData("NEAR(a b) col:x {sender} : y ^z a*b* \"x\" * AND NOT")]
    [InlineData("'a' & !b | c <-> d:* e:A")]
    [InlineData("\0\u0001\uD800\uDFFF\uFFFF")]
    [InlineData("%_\\[]")]
    public void Parse_HostileInput_NeverThrowsAndLeavesOnlyLettersAndDigits(string text)
    {
        var query = Parse(text);

        Assert.All(query.Clauses.SelectMany(c => c.Alternatives).SelectMany(t => t.Tokens),
            token => Assert.True(token.Length > 0 && token.All(char.IsLetterOrDigit), token));
    }

    [Fact]
    public void Parse_TenThousandCharacters_IsCutWithANote_AndBounded()
    {
        var text = string.Concat(Enumerable.Repeat("word\" -x OR from:\"y ", 500));

        var query = Parse(text);

        Assert.True(text.Length >= 10_000);
        Assert.True(query.Clauses.Count <= SearchQueryParser.MaxClauses);
        Assert.All(query.Clauses, c => Assert.All(c.Alternatives, t => Assert.True(t.Tokens.Count <= SearchQueryParser.MaxTokensPerTerm)));
        Assert.Contains(query.Notes, n => n.Contains("first 1,000 characters", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_OneLongWord_IsCutToTheTokenLength()
    {
        var term = Assert.Single(Assert.Single(Parse(new string('x', 10_000)).Clauses).Alternatives);

        Assert.Equal(SearchText.MaxTokenLength, Assert.Single(term.Tokens).Length);
    }
}
