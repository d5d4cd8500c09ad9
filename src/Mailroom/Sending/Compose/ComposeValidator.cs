using System.Globalization;
using MimeKit;

namespace Mailroom.Sending.Compose;

/// <summary>Recipients parsed and the rest of the form checked, with a message per field.</summary>
internal sealed record ValidatedCompose(
    IReadOnlyList<MailboxAddress> To,
    IReadOnlyList<MailboxAddress> Cc,
    IReadOnlyList<MailboxAddress> Bcc,
    string Subject,
    string Body);

internal static class ComposeValidator
{
    public const int MaxSubjectLength = 500;

    public static ValidatedCompose? Validate(ComposeInput input, SendingOptions options, long forwardedBytes, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        var to = Recipients(input.To, nameof(input.To), errors);
        var cc = Recipients(input.Cc, nameof(input.Cc), errors);
        var bcc = Recipients(input.Bcc, nameof(input.Bcc), errors);
        var count = to.Count + cc.Count + bcc.Count;
        if (count == 0 && !errors.ContainsKey(nameof(input.To)))
        {
            errors[nameof(input.To)] = ["Enter at least one recipient."];
        }
        else if (count > RecipientList.MaxRecipients)
        {
            errors[nameof(input.To)] = [$"A message can go to at most {RecipientList.MaxRecipients} recipients."];
        }

        var subject = input.Subject?.Trim() ?? "";
        if (subject.Length > MaxSubjectLength || subject.Any(char.IsControl))
        {
            errors[nameof(input.Subject)] = [$"The subject can be at most {MaxSubjectLength} characters, on one line."];
        }

        var body = input.Body ?? "";
        if (body.Length > options.MaxBodyLength)
        {
            errors[nameof(input.Body)] = [$"The text can be at most {options.MaxBodyLength:N0} characters."];
        }

        var attached = input.Attachments.Sum(a => (long)a.Content.Length) + forwardedBytes;
        if (attached > options.MaxAttachmentBytes)
        {
            errors[nameof(input.Attachments)] = [string.Create(CultureInfo.InvariantCulture,
                $"Attachments can be at most {Megabytes(options.MaxAttachmentBytes)} in total; these are {Megabytes(attached)}.")];
        }
        else if (input.Attachments.Any(a => string.IsNullOrWhiteSpace(a.FileName) || a.FileName.Length > 255 || a.FileName.Any(char.IsControl)))
        {
            errors[nameof(input.Attachments)] = ["Every attachment needs a file name of at most 255 characters."];
        }

        return errors.Count == 0 ? new ValidatedCompose(to, cc, bcc, subject, body) : null;
    }

    private static IReadOnlyList<MailboxAddress> Recipients(string? typed, string field, Dictionary<string, string[]> errors)
    {
        if (RecipientList.TryParse(typed, out var mailboxes, out var error))
        {
            return mailboxes;
        }

        errors[field] = [error!];
        return [];
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d / 1024d:0.#} MB");
}
