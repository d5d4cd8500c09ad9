using Mailroom.Sending.Compose;
using MimeKit;

namespace Mailroom.Tests.Sending;

public sealed class ReplyQuotingTests
{
    private static readonly HashSet<string> Own = new(["alice@example.test"], StringComparer.OrdinalIgnoreCase);

    [Theory]
    [InlineData("Plans", nameof(ComposeMode.Reply), "Re: Plans")]
    [InlineData("RE: Plans", nameof(ComposeMode.ReplyAll), "RE: Plans")]
    [InlineData("Plans", nameof(ComposeMode.Forward), "Fwd: Plans")]
    [InlineData("Fw: Plans", nameof(ComposeMode.Forward), "Fw: Plans")]
    [InlineData("", nameof(ComposeMode.Reply), "Re:")]
    public void Subject_IsPrefixedOnce(string original, string mode, string expected) =>
        Assert.Equal(expected, ReplyQuoting.Subject(original, Enum.Parse<ComposeMode>(mode)));

    [Fact]
    public void Reply_GoesToReplyTo_WhenThereIsOne()
    {
        var original = Original();
        original.ReplyTo.Add(new MailboxAddress("", "list@example.test"));

        var (to, cc) = ReplyQuoting.Recipients(original, ComposeMode.Reply, Own);

        Assert.Equal(["list@example.test"], to.Select(m => m.Address));
        Assert.Empty(cc);
    }

    [Fact]
    public void ReplyAll_AddsTheOtherRecipients_ButNotTheUserThemselves()
    {
        var (to, cc) = ReplyQuoting.Recipients(Original(), ComposeMode.ReplyAll, Own);

        Assert.Equal(["bob@example.test", "carol@example.test"], to.Select(m => m.Address));
        Assert.Equal(["dave@example.test"], cc.Select(m => m.Address));
    }

    [Fact]
    public void Reply_ToOnesOwnSentMessage_GoesToItsRecipients()
    {
        var sent = new MimeMessage();
        sent.From.Add(new MailboxAddress("", "alice@example.test"));
        sent.To.Add(new MailboxAddress("", "carol@example.test"));

        var (to, _) = ReplyQuoting.Recipients(sent, ComposeMode.Reply, Own);

        Assert.Equal(["carol@example.test"], to.Select(m => m.Address));
    }

    [Fact]
    public void Body_QuotesEveryLine_UnderAnAttribution()
    {
        var body = ReplyQuoting.Body(Original(), ComposeMode.Reply, TimeZoneInfo.Utc);

        Assert.Equal("\n\nOn Fri, 27 Nov 2026 09:30, Bob <bob@example.test> wrote:\n> Line one\n> \n>> earlier quote\n", body);
    }

    [Fact]
    public void Body_ForAForward_KeepsTheOriginalTextAndHeaders()
    {
        var body = ReplyQuoting.Body(Original(), ComposeMode.Forward, TimeZoneInfo.Utc);

        Assert.Contains("---------- Forwarded message ----------\nFrom: Bob <bob@example.test>\nDate: Fri, 27 Nov 2026 09:30\nSubject: Plans\n", body, StringComparison.Ordinal);
        Assert.EndsWith("Line one\n\n> earlier quote", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Threading_ReferencesTheWholeChain()
    {
        var original = Original();
        original.MessageId = "b@example.test";
        original.References.Add("a@example.test");

        var (inReplyTo, references) = ReplyQuoting.Threading(original);

        Assert.Equal("b@example.test", inReplyTo);
        Assert.Equal(["a@example.test", "b@example.test"], references);
    }

    private static MimeMessage Original()
    {
        var message = new MimeMessage { Subject = "Plans", Date = new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.Zero) };
        message.From.Add(new MailboxAddress("Bob", "bob@example.test"));
        message.To.Add(new MailboxAddress("", "alice@example.test"));
        message.To.Add(new MailboxAddress("", "carol@example.test"));
        message.Cc.Add(new MailboxAddress("", "dave@example.test"));
        message.Body = new TextPart("plain") { Text = "Line one\n\n> earlier quote\n" };
        return message;
    }
}
