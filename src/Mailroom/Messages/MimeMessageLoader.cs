using MimeKit;

namespace Mailroom.Messages;

/// <summary>Parses stored bytes with MimeKit, returning null for input that is not a message at all (e.g. 0 bytes).</summary>
internal static class MimeMessageLoader
{
    public static MimeMessage? TryLoad(byte[] raw)
    {
        try
        {
            using var stream = new MemoryStream(raw, writable: false);
            return MimeMessage.Load(ParserOptions.Default, stream);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Parses a seekable stream without copying part contents: they stay slices of <paramref name="stream"/> (MimeKit's
    /// persistent mode), so the message is valid only while the stream is open.
    /// </summary>
    public static MimeMessage? TryLoadInPlace(Stream stream)
    {
        try
        {
            return MimeMessage.Load(ParserOptions.Default, stream, persistent: true);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
