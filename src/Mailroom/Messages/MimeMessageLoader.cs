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
}
