using Mailroom.Data;
using Mailroom.Messages;
using Mailroom.Sending.Queue;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Sending.Compose;

/// <summary>One address the compose form offers in From.</summary>
internal sealed record FromChoice(Guid Id, string DisplayName, string Address, Guid? AccountId, string? ReplyTo)
{
    public string Label => string.IsNullOrWhiteSpace(DisplayName) ? Address : $"{DisplayName} <{Address}>";
}

/// <summary>Prefills the compose form: the user's verified From choices, and Reply / Reply all / Forward drafts built from a stored message.</summary>
internal sealed class ComposeDrafts(MailroomDbContext db, MessageLookup messages)
{
    /// <summary>Only verified addresses can be chosen: an unverified one would be refused at Send anyway.</summary>
    public async Task<IReadOnlyList<FromChoice>> FromChoicesAsync(string ownerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        var addresses = await db.SenderAddressesOf(ownerId).AsNoTracking()
            .Where(a => a.VerifiedAt != null)
            .OrderBy(a => a.NormalizedAddress)
            .ToListAsync(cancellationToken);
        return [.. addresses.Select(a => new FromChoice(a.Id, a.DisplayName, a.Address, a.AccountId, a.IsReplyToVerified ? a.ReplyTo : null))];
    }

    /// <summary>A draft answering or forwarding a stored message, or null when the user has no such message.</summary>
    public async Task<ComposeDraft?> FromMessageAsync(string ownerId, long messageId, ComposeMode mode, TimeZoneInfo timeZone, CancellationToken cancellationToken)
    {
        var stored = await messages.FindAsync(ownerId, messageId, cancellationToken);
        if (stored?.Raw is null)
        {
            return null;
        }

        var choices = await FromChoicesAsync(ownerId, cancellationToken);
        var original = MimeMessageLoader.TryLoad(stored.Raw.Content);
        if (original is null)
        {
            return new ComposeDraft(DefaultFrom(choices, stored.AccountId, []), "", "", "", "", messageId, mode, []);
        }

        var own = choices.Select(c => c.Address).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var (to, cc) = ReplyQuoting.Recipients(original, mode, own);
        var originalRecipients = original.To.Mailboxes.Concat(original.Cc.Mailboxes).Select(m => m.Address);
        var forwardedNames = mode == ComposeMode.Forward ? Attachments.Describe(MessageParts.Of(original)).Select(a => a.FileName).ToList() : [];
        return new ComposeDraft(
            DefaultFrom(choices, stored.AccountId, originalRecipients),
            string.Join(", ", to.Select(m => m.ToString())),
            string.Join(", ", cc.Select(m => m.ToString())),
            ReplyQuoting.Subject(original.Subject, mode),
            ReplyQuoting.Body(original, mode, timeZone),
            messageId,
            mode,
            forwardedNames);
    }

    /// <summary>
    /// An undone message back as the user wrote it, or null when the user has no such undone message. Its own
    /// attachments are not restored (the list of names says which to attach again); a forward's come from the original.
    /// </summary>
    public async Task<(ComposeDraft Draft, IReadOnlyList<string> AttachmentsToAddAgain)?> FromUndoneAsync(string ownerId, Guid queuedId, CancellationToken cancellationToken)
    {
        var undone = await db.QueuedMessagesOf(ownerId).AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == queuedId && m.State == QueuedMessageState.Cancelled, cancellationToken);
        if (undone is null || MimeMessageLoader.TryLoad(undone.Content) is not { } message)
        {
            return null;
        }

        var forwardedNames = new List<string>();
        if (undone is { Mode: ComposeMode.Forward, OriginalMessageId: { } originalId }
            && await messages.FindAsync(ownerId, originalId, cancellationToken) is { Raw: { } raw }
            && MimeMessageLoader.TryLoad(raw.Content) is { } original)
        {
            forwardedNames.AddRange(Attachments.Describe(MessageParts.Of(original)).Select(a => a.FileName));
        }

        var own = Attachments.Describe(MessageParts.Of(message)).Select(a => a.FileName).ToList();
        foreach (var name in forwardedNames)
        {
            own.Remove(name);
        }

        var draft = new ComposeDraft(
            undone.SenderAddressId,
            message.To.ToString(),
            message.Cc.ToString(),
            message.Subject ?? "",
            (message.TextBody ?? "").ReplaceLineEndings("\n").TrimEnd('\n'),
            undone.OriginalMessageId,
            undone.Mode,
            forwardedNames,
            message.Bcc.ToString());
        return (draft, own);
    }

    /// <summary>The address of the account the message was fetched into, else the address it was sent to, else the first one.</summary>
    private static Guid? DefaultFrom(IReadOnlyList<FromChoice> choices, Guid accountId, IEnumerable<string> originalRecipients)
    {
        var recipients = originalRecipients.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return (choices.FirstOrDefault(c => c.AccountId == accountId)
            ?? choices.FirstOrDefault(c => recipients.Contains(c.Address))
            ?? (choices.Count > 0 ? choices[0] : null))?.Id;
    }
}
