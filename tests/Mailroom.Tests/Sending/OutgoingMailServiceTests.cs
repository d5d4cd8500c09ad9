using System.Text;
using Mailroom.Messages;
using Mailroom.SenderAddresses;
using Mailroom.Sending;
using Mailroom.Sending.Compose;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Mailroom.Tests.Sending;

public sealed class OutgoingMailServiceTests
{
    [Fact]
    public async Task Send_ThroughTheOwnServer_FilesAByteExactCopyOfWhatTheServerReceived()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var account = await bed.AddAccountAsync();
        var sender = await bed.SaveAsync(bed.OwnServerInput() with { AccountId = account.Id });
        var input = new ComposeInput
        {
            FromAddressId = sender.Id,
            To = "Carol <carol@example.test>; dave@example.test",
            Cc = "erin@example.test",
            Bcc = "secret@example.test",
            Subject = "Quarterly numbers — draft",
            Body = "Hello Carol,\r\n.leading dot line\r\nÜmlauts too.",
            Attachments = [new OutgoingAttachment("numbers.csv", "text/csv", Encoding.UTF8.GetBytes("a,b\n1,2\n"))],
        };

        var result = await bed.Outgoing().SendAsync(SendingTestBed.Owner, input, CancellationToken.None);

        Assert.Equal(SendStatus.Sent, result.Status);
        var delivery = Assert.Single(bed.Smtp.Deliveries);
        Assert.Equal(["carol@example.test", "dave@example.test", "erin@example.test", "secret@example.test"], delivery.Recipients);
        var copy = await bed.Db.Messages.Include(m => m.Raw).AsNoTracking().SingleAsync();
        Assert.Equal(MailFolder.Sent, copy.Folder);
        Assert.Equal(account.Id, copy.AccountId);
        Assert.True(copy.IsRead);
        Assert.True(copy.HasAttachments);
        Assert.Equal(delivery.Data, copy.Raw!.Content);
        Assert.DoesNotContain("secret@example.test", Encoding.ASCII.GetString(delivery.Data), StringComparison.Ordinal);

        var received = MimeMessage.Load(new MemoryStream(delivery.Data));
        Assert.Equal("\"Alice Example\" <alice@example.test>", received.From.ToString());
        Assert.Equal("Quarterly numbers — draft", received.Subject);
        Assert.Equal("Hello Carol,\n.leading dot line\nÜmlauts too.", received.TextBody!.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal("numbers.csv", received.Attachments.OfType<MimePart>().Single().FileName);
        Assert.Equal(result.MessageIdHeader, received.MessageId);
        Assert.EndsWith("@example.test", received.MessageId, StringComparison.Ordinal);
        Assert.Equal(bed.Time.GetUtcNow(), received.Date);
    }

    [Fact]
    public async Task Send_FromAnUnverifiedAddress_IsRefused_AndNothingIsSent()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var sender = await bed.SaveAsync(SendingTestBed.RelayInput());
        var verificationMails = bed.SystemMail.Sent.Count;

        var result = await bed.Outgoing().SendAsync(SendingTestBed.Owner, Simple(sender.Id), CancellationToken.None);

        Assert.Equal(SendStatus.NotVerified, result.Status);
        Assert.Equal(verificationMails, bed.SystemMail.Sent.Count);
        Assert.Empty(bed.Db.Messages);
    }

    [Fact]
    public async Task Send_ThroughMailroomsSmtp_WorksOnceTheCodeIsConfirmed_AndAddsTheVerifiedReplyTo()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var account = await bed.AddAccountAsync();
        var sender = await bed.SaveAsync(SendingTestBed.RelayInput(replyTo: "team@example.test") with { AccountId = account.Id });
        var verification = bed.Verification();
        var replyToCode = bed.LastCode();
        var addressCode = bed.SystemMail.Sent[0].TextBody!.Split('\n').Select(l => l.Trim()).Single(l => l.Length == 6 && l.All(char.IsDigit));
        await verification.CheckCodeAsync(SendingTestBed.Owner, sender.Id, VerificationTarget.Address, addressCode, CancellationToken.None);

        var beforeReplyTo = await bed.Outgoing().SendAsync(SendingTestBed.Owner, Simple(sender.Id), CancellationToken.None);
        await verification.CheckCodeAsync(SendingTestBed.Owner, sender.Id, VerificationTarget.ReplyTo, replyToCode, CancellationToken.None);
        bed.Db.ChangeTracker.Clear();
        var afterReplyTo = await bed.Outgoing().SendAsync(SendingTestBed.Owner, Simple(sender.Id), CancellationToken.None);

        Assert.Equal(SendStatus.Sent, beforeReplyTo.Status);
        Assert.Equal(SendStatus.Sent, afterReplyTo.Status);
        Assert.Contains("outbox", afterReplyTo.Notice, StringComparison.Ordinal);
        var relayed = bed.SystemMail.Sent.Where(m => m.From.Mailboxes.Single().Address == "alice@example.test").ToList();
        Assert.Equal(2, relayed.Count);
        Assert.Empty(relayed[0].ReplyTo);
        Assert.Equal("team@example.test", relayed[1].ReplyTo.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task Send_WhenTheServerRefusesTheSavedPassword_SaysItIsProbablyOutdated_AndFlagsIt_UntilASendWorks()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var sender = await bed.SaveAsync(bed.OwnServerInput());
        bed.Smtp.Password = "changed-at-the-provider";

        var failed = await bed.Outgoing().SendAsync(SendingTestBed.Owner, Simple(sender.Id), CancellationToken.None);
        var flagged = await bed.Addresses().GetAsync(SendingTestBed.Owner, sender.Id, CancellationToken.None);
        bed.Smtp.Password = "alice-secret";
        bed.Db.ChangeTracker.Clear();
        var sent = await bed.Outgoing().SendAsync(SendingTestBed.Owner, Simple(sender.Id), CancellationToken.None);

        Assert.Equal(SendStatus.Failed, failed.Status);
        Assert.True(failed.Verdict!.PasswordOutdated);
        Assert.Contains("saved SMTP password is probably outdated", failed.Verdict.Guidance, StringComparison.Ordinal);
        Assert.True(flagged!.SmtpPasswordBroken);
        Assert.Equal(SendStatus.Sent, sent.Status);
        Assert.False((await bed.ReloadAsync(sender.Id)).SmtpPasswordRejectedAt.HasValue);
    }

    [Fact]
    public async Task Send_ToARecipientTheServerRefuses_NamesTheRecipient_AndKeepsNoCopy()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var account = await bed.AddAccountAsync();
        var sender = await bed.SaveAsync(bed.OwnServerInput() with { AccountId = account.Id });
        bed.Smtp.RecipientReplies["nobody@example.test"] = "550 5.1.1 <nobody@example.test>: Recipient address rejected: User unknown in virtual mailbox table";

        var result = await bed.Outgoing().SendAsync(SendingTestBed.Owner, Simple(sender.Id) with { To = "nobody@example.test" }, CancellationToken.None);

        Assert.Equal(SendStatus.Failed, result.Status);
        Assert.Equal("recipient-refused", result.Verdict!.Reason);
        Assert.Contains("nobody@example.test", result.Verdict.Message, StringComparison.Ordinal);
        Assert.Empty(bed.Smtp.Deliveries);
        Assert.Empty(bed.Db.Messages);
    }

    [Fact]
    public async Task Send_ThatTheServerDeniesRelaying_IsRelayDenied()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var sender = await bed.SaveAsync(bed.OwnServerInput());
        bed.Smtp.RecipientReplies["carol@elsewhere.test"] = "554 5.7.1 <carol@elsewhere.test>: Relay access denied";

        var result = await bed.Outgoing().SendAsync(SendingTestBed.Owner, Simple(sender.Id) with { To = "carol@elsewhere.test" }, CancellationToken.None);

        Assert.Equal("relay-denied", result.Verdict!.Reason);
        Assert.Equal("Relay denied", result.Verdict.Title);
    }

    [Fact]
    public async Task Send_LargerThanTheServerAccepts_IsMessageTooLarge()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var sender = await bed.SaveAsync(bed.OwnServerInput());
        bed.Smtp.MaxSize = 2_000;

        var result = await bed.Outgoing().SendAsync(SendingTestBed.Owner,
            Simple(sender.Id) with { Attachments = [new OutgoingAttachment("big.bin", "application/octet-stream", new byte[5_000])] }, CancellationToken.None);

        Assert.Equal("message-too-large", result.Verdict!.Reason);
        Assert.Empty(bed.Smtp.Deliveries);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Windows\\win.ini", "win.ini")]
    [InlineData("reports/2026/q4.pdf", "q4.pdf")]
    public async Task Send_AttachmentNamesWithPathParts_GoOutAsTheirLastSegmentOnly(string given, string sent)
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var sender = await bed.SaveAsync(bed.OwnServerInput());

        var result = await bed.Outgoing().SendAsync(SendingTestBed.Owner,
            Simple(sender.Id) with { Attachments = [new OutgoingAttachment(given, "application/octet-stream", new byte[10])] }, CancellationToken.None);

        Assert.Equal(SendStatus.Sent, result.Status);
        var received = MimeMessage.Load(new MemoryStream(Assert.Single(bed.Smtp.Deliveries).Data));
        Assert.Equal(sent, received.Attachments.OfType<MimePart>().Single().FileName);
    }

    [Fact]
    public async Task Send_WithAttachmentsOverTheConfiguredLimit_IsRefusedBeforeConnecting()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var sender = await bed.SaveAsync(bed.OwnServerInput());
        bed.SendingOptions.MaxAttachmentBytes = 1_000;
        var signInsBefore = bed.Smtp.SignIns.Count;

        var result = await bed.Outgoing().SendAsync(SendingTestBed.Owner,
            Simple(sender.Id) with { Attachments = [new OutgoingAttachment("big.bin", "application/octet-stream", new byte[1_001])] }, CancellationToken.None);

        Assert.Equal(SendStatus.Invalid, result.Status);
        Assert.Contains("Attachments", result.Errors!.Keys);
        Assert.Equal(signInsBefore, bed.Smtp.SignIns.Count);
    }

    [Theory]
    [InlineData("", "Enter at least one recipient.")]
    [InlineData("carol", "is not a valid email address")]
    [InlineData("carol@example.test\r\nBcc: everyone@example.test", "line breaks")]
    [InlineData("Friends: carol@example.test;", "is not a valid email address")]
    public async Task Send_WithBadRecipients_SaysWhatIsWrong(string to, string expected)
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var sender = await bed.SaveAsync(bed.OwnServerInput());

        var result = await bed.Outgoing().SendAsync(SendingTestBed.Owner, Simple(sender.Id) with { To = to }, CancellationToken.None);

        Assert.Equal(SendStatus.Invalid, result.Status);
        Assert.Contains(expected, result.Errors!["To"].Single(), StringComparison.Ordinal);
        Assert.Empty(bed.Smtp.MailCommands);
    }

    [Fact]
    public async Task AnotherUser_CannotSendFromThisUsersAddress()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var sender = await bed.SaveAsync(bed.OwnServerInput());

        var result = await bed.Outgoing().SendAsync(SendingTestBed.OtherUser, Simple(sender.Id), CancellationToken.None);

        Assert.Equal(SendStatus.NotFound, result.Status);
        Assert.Empty(bed.Smtp.MailCommands);
    }

    [Fact]
    public async Task Reply_ThreadsUnderTheOriginal_AndForward_CarriesItsAttachments()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var account = await bed.AddAccountAsync();
        var sender = await bed.SaveAsync(bed.OwnServerInput() with { AccountId = account.Id });
        var original = new MimeMessage { Subject = "Plans", MessageId = "orig-1@example.test" };
        original.From.Add(new MailboxAddress("Bob", "bob@example.test"));
        original.To.Add(new MailboxAddress("", "alice@example.test"));
        original.References.Add("root@example.test");
        original.Body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = "See attached." },
            new MimePart("application", "pdf") { FileName = "plan.pdf", Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4 fake"))) },
        };
        var stored = await bed.StoreInboxMessageAsync(account.Id, original);
        var outgoing = bed.Outgoing();

        var reply = await outgoing.SendAsync(SendingTestBed.Owner,
            Simple(sender.Id) with { To = "bob@example.test", OriginalMessageId = stored.Id, Mode = ComposeMode.Reply }, CancellationToken.None);
        var forward = await outgoing.SendAsync(SendingTestBed.Owner,
            Simple(sender.Id) with { To = "carol@example.test", OriginalMessageId = stored.Id, Mode = ComposeMode.Forward }, CancellationToken.None);
        var othersOriginal = await outgoing.SendAsync(SendingTestBed.OtherUser,
            Simple(sender.Id) with { OriginalMessageId = stored.Id, Mode = ComposeMode.Reply }, CancellationToken.None);

        Assert.Equal(SendStatus.Sent, reply.Status);
        Assert.Equal(SendStatus.Sent, forward.Status);
        Assert.Equal(SendStatus.NotFound, othersOriginal.Status);
        var deliveries = bed.Smtp.Deliveries.Select(d => MimeMessage.Load(new MemoryStream(d.Data))).ToList();
        Assert.Equal("orig-1@example.test", deliveries[0].InReplyTo);
        Assert.Equal(["root@example.test", "orig-1@example.test"], deliveries[0].References);
        Assert.Equal("plan.pdf", deliveries[1].Attachments.OfType<MimePart>().Single().FileName);
        Assert.Empty(deliveries[1].References);
    }

    private static ComposeInput Simple(Guid fromAddressId) => new()
    {
        FromAddressId = fromAddressId,
        To = "carol@example.test",
        Subject = "Hello",
        Body = "Hi Carol",
    };
}
