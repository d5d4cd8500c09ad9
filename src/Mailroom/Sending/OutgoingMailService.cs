using System.Security.Cryptography;
using Mailroom.Clients;
using Mailroom.Data;
using Mailroom.Messages;
using Mailroom.Network;
using Mailroom.SenderAddresses;
using Mailroom.Sending.Compose;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Mailroom.Sending;

/// <summary>
/// Send: only from the user's own verified addresses, through that address's route, and a byte-exact copy of what went
/// over the wire filed as sent mail under the address's account. Nothing is kept or changed when sending fails, except
/// that a refused saved password is flagged so Send Mail As can point at it.
/// </summary>
internal sealed partial class OutgoingMailService(
    MailroomDbContext db,
    MessageLookup messages,
    SmtpRouteTransport transport,
    SmtpGuidance guidance,
    SmtpPasswordProtector smtpPasswords,
    TimeProvider time,
    IOptionsMonitor<SendingOptions> options,
    ILogger<OutgoingMailService> logger)
{
    public async Task<SendResult> SendAsync(string ownerId, ComposeInput input, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        ArgumentNullException.ThrowIfNull(input);
        var sender = await db.SenderAddresses.SingleOrDefaultAsync(a => a.Id == input.FromAddressId && a.OwnerId == ownerId, cancellationToken);
        if (sender is null)
        {
            return SendResult.NotFound;
        }

        if (!sender.IsVerified)
        {
            return new(SendStatus.NotVerified, Verdict: NotVerifiedVerdict(sender));
        }

        StoredMessage? original = null;
        MimeMessage? originalMessage = null;
        if (input.OriginalMessageId is { } originalId && input.Mode != ComposeMode.New)
        {
            original = await messages.FindAsync(ownerId, originalId, cancellationToken);
            if (original?.Raw is null)
            {
                return SendResult.NotFound;
            }

            originalMessage = MimeMessageLoader.TryLoad(original.Raw.Content);
        }

        var originalParts = input.Mode == ComposeMode.Forward && originalMessage is not null ? MessageParts.Of(originalMessage) : null;
        var forwarded = originalParts?.Attachments ?? [];
        var forwardedBytes = originalParts is null ? 0 : Attachments.Describe(originalParts).Sum(a => a.Size);
        var errors = new Dictionary<string, string[]>();
        var valid = ComposeValidator.Validate(input, options.CurrentValue, forwardedBytes, errors);
        if (valid is null)
        {
            return SendResult.Invalid(errors);
        }

        var (inReplyTo, references) = originalMessage is not null && input.Mode is ComposeMode.Reply or ComposeMode.ReplyAll
            ? ReplyQuoting.Threading(originalMessage)
            : (null, []);
        var message = OutgoingMessageBuilder.Build(
            new OutgoingParts(
                new MailboxAddress(sender.DisplayName, sender.Address),
                sender is { IsReplyToVerified: true, ReplyTo: { } replyTo } ? new MailboxAddress("", replyTo) : null,
                valid.To, valid.Cc, valid.Bcc, valid.Subject, valid.Body, input.Attachments, forwarded, inReplyTo, references),
            time.GetUtcNow());
        var wire = WireMessage.Freeze(message);

        var failure = await HandOverAsync(sender, wire.Message, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        var filedUnder = sender.AccountId ?? original?.AccountId;
        var copy = filedUnder is { } accountId ? await FileSentCopyAsync(ownerId, accountId, wire.Transmitted, cancellationToken) : null;
        LogSent(logger, sender.Id, copy?.Id);
        var notice = sender.Route == SendingRoute.MailroomRelay && transport.RelayWritesToOutbox
            ? "Mailroom has no mail relay configured, so the message was written to its outbox folder instead of being delivered."
            : null;
        if (copy is null)
        {
            notice = (notice is null ? "" : notice + " ") + "No copy was kept: sent mail is filed under a mail account, and this address is not linked to one.";
        }

        return new(SendStatus.Sent, SentCopyId: copy?.Id, MessageIdHeader: wire.Message.MessageId, Notice: notice);
    }

    private async Task<SendResult?> HandOverAsync(SenderAddress sender, MimeMessage message, CancellationToken cancellationToken)
    {
        var ownServer = sender.Route == SendingRoute.OwnServer;
        try
        {
            if (ownServer)
            {
                await transport.SendViaOwnServerAsync(ServerOf(sender), message, cancellationToken);
            }
            else
            {
                await transport.SendViaRelayAsync(message, cancellationToken);
            }
        }
        catch (MailFailureException exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, sender.Id, exception.Failure.Kind, exception.Failure.Reason);
            if (ownServer && exception.Failure.IsCredentialRejection)
            {
                sender.SmtpPasswordRejectedAt = time.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
            }

            return new(SendStatus.Failed, Verdict: guidance.DescribeSend(exception.Failure, ownServer));
        }

        if (sender.SmtpPasswordRejectedAt is not null)
        {
            sender.SmtpPasswordRejectedAt = null;
            await db.SaveChangesAsync(cancellationToken);
        }

        return null;
    }

    private SmtpServerSettings ServerOf(SenderAddress sender)
    {
        string? password = null;
        if (sender.ProtectedSmtpPassword is { } saved)
        {
            try
            {
                password = smtpPasswords.Unprotect(saved);
            }
            catch (CryptographicException exception)
            {
                // Treated like a refused password: the user must type it again.
                throw new MailFailureException(new MailFailure(MailFailureKind.Authentication, MailFailureReason.Credentials,
                    "Mailroom can no longer read the saved SMTP password (its encryption key is gone)."), exception);
            }
        }

        return new SmtpServerSettings(sender.SmtpHost!, sender.SmtpPort!.Value, sender.SmtpSecurity!.Value, sender.SmtpUserName, password);
    }

    private async Task<StoredMessage> FileSentCopyAsync(string ownerId, Guid accountId, byte[] transmitted, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var copy = MessageSummaryParser.Parse(transmitted, now).ToStoredMessage(accountId, ownerId, MailFolder.Sent, transmitted, now);
        copy.IsRead = true;
        db.Messages.Add(copy);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await StoredMailHooks.RunAsync(db, [copy], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return copy;
    }

    private static SmtpVerdict NotVerifiedVerdict(SenderAddress sender) => new(
        "not-verified", "waiting-for-verification", "Address not verified yet",
        $"Mailroom cannot send as {sender.Address} until it is verified.",
        "Open the link in the verification email sent to that address, or enter its code under Settings » Mail » Send Mail As (Verify). Resend gets a new email.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Message sent from sender address {AddressId}; sent copy {CopyId}")]
    private static partial void LogSent(ILogger logger, Guid addressId, long? copyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sending from sender address {AddressId} failed: {Kind} {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid addressId, MailFailureKind kind, MailFailureReason reason);
}
