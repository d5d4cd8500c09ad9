using Mailroom.Sending.Compose;

namespace Mailroom.Tests.Sending;

public sealed class RecipientListTests
{
    [Theory]
    [InlineData("carol@example.test", new[] { "carol@example.test" })]
    [InlineData("Carol <carol@example.test>, \"Dave, Jr.\" <dave@example.test>", new[] { "carol@example.test", "dave@example.test" })]
    [InlineData("carol@example.test; dave@example.test;", new[] { "carol@example.test", "dave@example.test" })]
    [InlineData("  ", new string[0])]
    [InlineData("jörg@bücher.example", new[] { "jörg@bücher.example" })]
    public void TryParse_AcceptsMailboxLists(string typed, string[] expected)
    {
        Assert.True(RecipientList.TryParse(typed, out var mailboxes, out var error));
        Assert.Null(error);
        Assert.Equal(expected, mailboxes.Select(m => m.Address));
    }

    [Theory]
    [InlineData("carol")]
    [InlineData("carol@")]
    [InlineData("@example.test")]
    [InlineData("carol@localhost")]
    [InlineData("carol@example..test")]
    [InlineData("Friends: carol@example.test, dave@example.test;")]
    [InlineData("carol@example.test\nBcc: x@example.test")]
    [InlineData("<@relay.example:carol@example.test>")]
    public void TryParse_RefusesWhatIsNotAPlainMailbox(string typed)
    {
        Assert.False(RecipientList.TryParse(typed, out var mailboxes, out var error));
        Assert.Empty(mailboxes);
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("alice@example.test", true)]
    [InlineData(" alice@example.test ", true)]
    [InlineData("Alice <alice@example.test>", false)]
    [InlineData("alice@example.test, bob@example.test", false)]
    [InlineData("alice", false)]
    [InlineData("", false)]
    public void IsSingleAddress_AcceptsOnlyOneBareAddress(string typed, bool expected) =>
        Assert.Equal(expected, RecipientList.IsSingleAddress(typed));
}
