using Mailroom.Messages;

namespace Mailroom.Tests.Messages;

public sealed class MessageSearchTermsTests
{
    [Fact]
    public void Terms_SplitsWords_QualifiersAndQuotedPhrases()
    {
        var terms = MessageSearch.Terms("invoice from:alice subject:\"march report\" to:bob@example.test  url:x");

        Assert.Equal(
            [
                new SearchTerm(null, "invoice"),
                new SearchTerm("from", "alice"),
                new SearchTerm("subject", "march report"),
                new SearchTerm("to", "bob@example.test"),
                new SearchTerm(null, "url:x"),
            ],
            terms);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("\"\"")]
    [InlineData("from:")]
    public void Terms_OfNothing_IsEmpty(string? search)
    {
        Assert.Empty(MessageSearch.Terms(search));
    }

    [Fact]
    public void Terms_AreCapped()
    {
        Assert.Equal(MessageSearch.MaxTerms, MessageSearch.Terms(string.Join(' ', Enumerable.Range(0, 50))).Count);
    }
}
