using System.Text;
using MimeKit;

namespace Mailroom.Messages;

/// <summary>
/// A file name that is safe to offer for download: no path, no control or reserved characters, no leading dot,
/// bounded length; a sensible default when the sender gave none.
/// </summary>
internal static class SafeFileName
{
    public const int MaxLength = 150;

    private static readonly char[] Reserved = ['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

    public static string For(MimeEntity entity, int index)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var given = entity switch
        {
            MimePart part => part.FileName,
            MessagePart message => message.ContentDisposition?.FileName ?? message.ContentType.Name ?? SubjectName(message),
            _ => null,
        };
        var fallbackExtension = entity is MessagePart ? ".eml" : ".bin";
        return Clean(given, $"attachment-{index + 1}{fallbackExtension}");
    }

    public static string Clean(string? name, string fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        if (string.IsNullOrWhiteSpace(name))
        {
            return fallback;
        }

        // Only the last path segment: senders (and attackers) put "../../x" or "C:\x" in file names.
        var lastSegment = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var builder = new StringBuilder(lastSegment.Length);
        foreach (var c in lastSegment)
        {
            builder.Append(char.IsControl(c) || Array.IndexOf(Reserved, c) >= 0 ? '_' : c);
        }

        var cleaned = builder.ToString().Trim().TrimStart('.').TrimEnd('.', ' ');
        if (cleaned.Length > MaxLength)
        {
            var extension = Path.GetExtension(cleaned);
            extension = extension.Length is > 0 and <= 10 ? extension : "";
            var cut = MaxLength - extension.Length;
            cut -= char.IsHighSurrogate(cleaned[cut - 1]) ? 1 : 0;
            cleaned = cleaned[..cut] + extension;
        }

        return cleaned.Length == 0 ? fallback : cleaned;
    }

    private static string? SubjectName(MessagePart part) =>
        string.IsNullOrWhiteSpace(part.Message?.Subject) ? null : part.Message.Subject + ".eml";
}
