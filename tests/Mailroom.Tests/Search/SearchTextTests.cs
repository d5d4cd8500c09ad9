using Mailroom.Search;

namespace Mailroom.Tests.Search;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Crème Brûlée", "creme brulee")]
    [InlineData("CRÈME brulee", "creme brulee")]
    [InlineData("Straße STRASSE", "strasse strasse")]
    [InlineData("Ελληνικά ΟΔΟΣ οδός", "ελληνικα οδοσ οδοσ")]
    [InlineData("Ångström naïve façade", "angstrom naive facade")]
    [InlineData("ﬁle ｆｕｌｌ 𝒜𝒷", "file full ab")]
    [InlineData("Zürich-Köln", "zurich koln")]
    [InlineData("alice@example.com", "alice example com")]
    [InlineData("ПРИВЕТ мир", "привет мир")]
    [InlineData("e\u0301cole", "ecole")]
    public void Join_FoldsCaseAndAccentsAndSplitsOnPunctuation(string text, string expected) =>
        Assert.Equal(expected, SearchText.Join(text));

    [Fact]
    public void Tokens_SplitJapaneseIntoCharacters_SoAWordInsideASentenceIsAPhrase()
    {
        Assert.Equal("日 本 語 の メ ー ル", SearchText.Join("日本語のメール"));
    }

    [Fact]
    public void Tokens_KeepWhereEachWordIsInTheOriginal()
    {
        const string text = "Hello, Crème brûlée!";

        var tokens = SearchText.Tokens(text).ToList();

        Assert.Equal(["hello", "creme", "brulee"], tokens.Select(t => t.Text));
        Assert.Equal(["Hello", "Crème", "brûlée"], tokens.Select(t => text.Substring(t.Start, t.Length)));
    }

    [Fact]
    public void Tokens_CutVeryLongRunsAndStopAtTheLimit()
    {
        var tokens = SearchText.Tokens(new string('a', 5000) + " b c d", maxTokens: 2).ToList();

        Assert.Equal(2, tokens.Count);
        Assert.Equal(SearchText.MaxTokenLength, tokens[0].Text.Length);
        Assert.Equal("b", tokens[1].Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0\u0001 !!! ''' ;;; --")]
    [InlineData("\uD800 lone \uDC00 surrogates")]
    public void Tokens_IgnoreEverythingThatIsNotAWord(string text) =>
        Assert.All(SearchText.Tokens(text), t => Assert.True(t.Text.All(char.IsLetterOrDigit), t.Text));

    [Fact]
    public void Tokens_KeepLettersOutsideTheBasicPlane()
    {
        Assert.Equal("𐌰𐌱 𐐨", SearchText.Join("𐌰𐌱 𐐨"));
    }
}
