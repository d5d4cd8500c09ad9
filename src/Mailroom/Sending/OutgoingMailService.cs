using Mailroom.Data;
using Mailroom.Messages;
using Mailroom.Sending.Compose;
using Mailroom.Sending.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Mailroom.Sending;

/// <summary>
/// Send: only from the user's own verified addresses, through that address's route, by way of the durable send queue.
/// <see cref="QueueAsync"/> holds the message for the undo window or until its scheduled time; <see cref="SendAsync"/>
/// claims it at once and hands it over in the caller's request (the API's default). Either way a byte-exact copy of
/// what went over the wire is filed as sent mail under the address's account.
/// </summary>
internal sealed class OutgoingMailService(
    MailroomDbContext db,
    MessageLookup messages,
    SendQueueStore queue,
    QueuedMessageDelivery delivery,
    TimeProvider time,
    IOptionsMonitor<SendingOptions> options)
{
    /// <summary>Sends now: the message is queued already claimed by this node, so no worker can take it as well.</summary>
    public async Task<SendResult> SendAsync(string ownerId, ComposeInput input, CancellationToken cancellationToken)
    {
        var (rejection, queued) = await PrepareAsync(ownerId, input, time.GetUtcNow(), isScheduled: false, cancellationToken);
        if (queued is null)
        {
            return rejection!;
        }

        queued.State = QueuedMessageState.Sending;
        queued.ClaimedBy = SendQueueWorker.Node;
        queued.LeaseExpiresAt = time.GetUtcNow() + options.CurrentValue.QueueLease;
        queued.Attempts = 1;
        await queue.EnqueueAsync(queued, cancellationToken);
        return await delivery.DeliverAsync(new QueueClaim(queued.Id, Interrupted: false), cancellationToken);
    }

    /// <summary>
    /// Queues the message for <paramref name="sendAt"/>, or for the end of the undo window when null; any node's
    /// <see cref="SendQueueWorker"/> sends it then.
    /// </summary>
    public async Task<SendResult> QueueAsync(string ownerId, ComposeInput input, DateTimeOffset? sendAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.CurrentValue;
        if (sendAt is { } scheduled && (scheduled <= now || scheduled > now + settings.MaxScheduleAhead))
        {
            return SendResult.Invalid(new Dictionary<string, string[]>
            {
                ["SendAt"] = [scheduled <= now ? "Choose a time in the future." : $"A message can be scheduled at most {settings.MaxScheduleAhead.TotalDays:0} days ahead."],
            });
        }

        var (rejection, queued) = await PrepareAsync(ownerId, input, sendAt ?? now + settings.UndoDelay, isScheduled: sendAt is not null, cancellationToken);
        if (queued is null)
        {
            return rejection!;
        }

        await queue.EnqueueAsync(queued, cancellationToken);
        return new(SendStatus.Queued, MessageIdHeader: queued.MessageIdHeader, QueuedId: queued.Id, DueAt: queued.DueAt);
    }

    /// <summary>The finished message as a queue row, or why there is none (nothing is stored then).</summary>
    private async Task<(SendResult? Rejection, QueuedMessage? Queued)> PrepareAsync(
        string ownerId, ComposeInput input, DateTimeOffset dueAt, bool isScheduled, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        ArgumentNullException.ThrowIfNull(input);
        var sender = await db.SenderAddressesOf(ownerId).AsNoTracking().SingleOrDefaultAsync(a => a.Id == input.FromAddressId, cancellationToken);
        if (sender is null)
        {
            return (SendResult.NotFound, null);
        }

        if (!sender.IsVerified)
        {
            return (new(SendStatus.NotVerified, Verdict: QueuedMessageDelivery.NotVerifiedVerdict(sender)), null);
        }

        StoredMessage? original = null;
        MimeMessage? originalMessage = null;
        if (input.OriginalMessageId is { } originalId && input.Mode != ComposeMode.New)
        {
            original = await messages.FindAsync(ownerId, originalId, cancellationToken);
            if (original?.Raw is null)
            {
                return (SendResult.NotFound, null);
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
            return (SendResult.Invalid(errors), null);
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

        var now = time.GetUtcNow();
        using var content = new MemoryStream();
        await message.WriteToAsync(content, cancellationToken);
        return (null, new QueuedMessage
        {
            Id = Guid.NewGuid(),
            OwnerId = ownerId,
            SenderAddressId = sender.Id,
            FiledUnderAccountId = sender.AccountId ?? original?.AccountId,
            MessageIdHeader = message.MessageId!,
            Subject = valid.Subject,
            Recipients = string.Join(", ", valid.To.Concat(valid.Cc).Concat(valid.Bcc).Select(m => m.Address)),
            Content = content.ToArray(),
            OriginalMessageId = original is null ? null : input.OriginalMessageId,
            Mode = original is null ? ComposeMode.New : input.Mode,
            CreatedAt = now,
            DueAt = dueAt,
            IsScheduled = isScheduled,
        });
    }
}
