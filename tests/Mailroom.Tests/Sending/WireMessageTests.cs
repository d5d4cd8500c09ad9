using System.Text;
using Mailroom.Sending;
using MimeKit;

namespace Mailroom.Tests.Sending;

public sealed class WireMessageTests
{
    [Fact]
    public void Freeze_LeavesBccOffTheWire_ButKeepsItForTheEnvelope()
    {
        var message = new MimeMessage { Subject = "Grüße" };
        message.From.Add(new MailboxAddress("Alice", "alice@example.test"));
        message.To.Add(new MailboxAddress("", "carol@example.test"));
        message.Bcc.Add(new MailboxAddress("", "secret@example.test"));
        message.Body = new TextPart("plain") { Text = "Ünïcode body\nline two" };

        var wire = WireMessage.Freeze(message);
        var text = Encoding.ASCII.GetString(wire.Transmitted);

        Assert.DoesNotContain("secret@example.test", text, StringComparison.Ordinal);
        Assert.Equal("secret@example.test", wire.Message.Bcc.Mailboxes.Single().Address);
        Assert.All(wire.Transmitted, b => Assert.True(b < 128, "the wire form is 7-bit"));
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("Grüße", MimeMessage.Load(new MemoryStream(wire.Transmitted)).Subject);
    }
}
