using System.Security.Cryptography;
using Mailroom.Clients;
using Mailroom.Data;
using Mailroom.Messages;
using Mailroom.Network;
using Mailroom.Search;
using Mailroom.SenderAddresses;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Mailroom.Sending.Queue;

/// <summary>
/// Hands one claimed message to its sender address's route and records the outcome. Success is recorded in one
/// transaction: the sent copy filed and the row marked sent together, so no later claim can see a sent message as
/// waiting. A message taken over from a dead node is never handed over again: its sent copy (found by Message-ID) says
/// it went; without one, the user is told it may not have gone, rather than anyone getting it twice.
/// </summary>
internal sealed partial class QueuedMessageDelivery(
    MailroomDbContext db,
    SmtpRouteTransport transport,
    SmtpGuidance guidance,
    SmtpPasswordProtector smtpPasswords,
    TimeProvider time,
    ILogger<QueuedMessageDelivery> logger)
{
    public async Task<SendResult> DeliverAsync(QueueClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var queued = await db.QueuedMessages.SingleAsync(m => m.Id == claim.Id, cancellationToken);
        if (claim.Interrupted)
        {
            return await ResolveInterruptedAsync(queued, cancellationToken);
        }

        var sender = await db.SenderAddressesOf(queued.OwnerId).SingleOrDefaultAsync(a => a.Id == queued.SenderAddressId, cancellationToken);
        if (sender is null || !sender.IsVerified)
        {
            return await FailAsync(queued, SendStatus.NotVerified, NotVerifiedVerdict(sender), cancellationToken);
        }

        var message = MimeMessage.Load(new MemoryStream(queued.Content, writable: false), cancellationToken);

        // RFC 5322 §3.6.1: the moment it entered the mail system, which for a held or scheduled message is now.
        message.Date = time.GetUtcNow();
        var wire = WireMessage.Freeze(message);
        var verdict = await HandOverAsync(sender, wire.Message, cancellationToken);
        if (verdict is not null)
        {
            return await FailAsync(queued, SendStatus.Failed, verdict, cancellationToken);
        }

        return await RecordSentAsync(queued, sender, wire.Transmitted, cancellationToken);
    }

    private async Task<SendResult> RecordSentAsync(QueuedMessage queued, SenderAddress sender, byte[] transmitted, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var notice = sender.Route == SendingRoute.MailroomRelay && transport.RelayWritesToOutbox
            ? "Mailroom has no mail relay configured, so the message was written to its outbox folder instead of being delivered."
            : null;
        if (queued.FiledUnderAccountId is null)
        {
            notice = (notice is null ? "" : notice + " ") + "No copy was kept: sent mail is filed under a mail account, and this address is not linked to one.";
        }

        // Not the request's token: the message has gone, so its record must be written even if the caller gives up.
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        StoredMessage? copy = null;
        if (queued.FiledUnderAccountId is { } accountId)
        {
            var summary = MessageSummaryParser.Parse(transmitted, now);
            copy = summary.ToStoredMessage(accountId, queued.OwnerId, MailFolder.Sent, transmitted, now);
            copy.IsRead = true;
            db.Messages.Add(copy);
            await db.SaveChangesAsync(CancellationToken.None);

            // The copy with its index entry and filing, so sent mail is searchable as soon as it is listed.
            await SearchIndex.AddAsync(db, [new IndexedMessage(copy, summary.Text)], CancellationToken.None);
            await StoredMailHooks.RunAsync(db, [copy], CancellationToken.None);
        }

        queued.State = QueuedMessageState.Sent;
        queued.SentAt = now;
        queued.SentCopyId = copy?.Id;
        queued.Notice = notice;
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        LogSent(logger, queued.Id, sender.Id, copy?.Id);
        return new(SendStatus.Sent, SentCopyId: copy?.Id, MessageIdHeader: queued.MessageIdHeader, Notice: notice, QueuedId: queued.Id);
    }

    private async Task<SendResult> ResolveInterruptedAsync(QueuedMessage queued, CancellationToken cancellationToken)
    {
        var copyId = await db.Messages
            .Where(m => m.OwnerId == queued.OwnerId && m.Folder == MailFolder.Sent && m.MessageIdHeader == queued.MessageIdHeader)
            .Select(m => (long?)m.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (copyId is not null)
        {
            queued.State = QueuedMessageState.Sent;
            queued.SentAt = time.GetUtcNow();
            queued.SentCopyId = copyId;
            await db.SaveChangesAsync(cancellationToken);
            LogResolvedAsSent(logger, queued.Id);
            return new(SendStatus.Sent, SentCopyId: copyId, MessageIdHeader: queued.MessageIdHeader, QueuedId: queued.Id);
        }

        LogResolvedAsUncertain(logger, queued.Id);
        return await FailAsync(queued, SendStatus.Failed, new ConnectionVerdict(
            "interrupted", "node-stopped", "Sending was interrupted",
            "Mailroom stopped while it was handing this message to the mail server, so it cannot tell whether the message went out.",
            "It was not sent again, so that no one receives it twice. Check with a recipient, then send it again if it did not arrive."), cancellationToken);
    }

    private async Task<SendResult> FailAsync(QueuedMessage queued, SendStatus status, ConnectionVerdict verdict, CancellationToken cancellationToken)
    {
        queued.State = QueuedMessageState.Failed;
        queued.FailureKind = verdict.Kind;
        queued.FailureReason = verdict.Reason;
        queued.FailureTitle = verdict.Title;
        queued.FailureMessage = verdict.Message;
        queued.FailureGuidance = verdict.Guidance;
        await db.SaveChangesAsync(cancellationToken);
        return new(status, Verdict: verdict, QueuedId: queued.Id);
    }

    /// <summary>Null when the server took the message; otherwise what it refused, in words.</summary>
    private async Task<ConnectionVerdict?> HandOverAsync(SenderAddress sender, MimeMessage message, CancellationToken cancellationToken)
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

            return guidance.DescribeSend(exception.Failure, ownServer);
        }

        sender.SmtpPasswordRejectedAt = null;
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

    internal static ConnectionVerdict NotVerifiedVerdict(SenderAddress? sender) => sender is null
        ? new("not-found", "address-removed", "Sender address removed",
            "The address this message was to be sent from has been removed from Send Mail As.",
            "Add the address again under Settings » Mail » Send Mail As, then send the message again.")
        : new("not-verified", "waiting-for-verification", "Address not verified yet",
            $"Mailroom cannot send as {sender.Address} until it is verified.",
            "Open the link in the verification email sent to that address, or enter its code under Settings » Mail » Send Mail As (Verify). Resend gets a new email.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued message {QueuedId} sent from sender address {AddressId}; sent copy {CopyId}")]
    private static partial void LogSent(ILogger logger, Guid queuedId, Guid addressId, long? copyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sending from sender address {AddressId} failed: {Kind} {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid addressId, MailFailureKind kind, MailFailureReason reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued message {QueuedId} was taken over from a stopped node; its sent copy shows it went out")]
    private static partial void LogResolvedAsSent(ILogger logger, Guid queuedId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queued message {QueuedId} was taken over from a stopped node with no sent copy; marked failed rather than sent twice")]
    private static partial void LogResolvedAsUncertain(ILogger logger, Guid queuedId);
}
