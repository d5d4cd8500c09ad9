using MimeKit;

namespace Mailroom.Sending;

/// <summary>
/// A message frozen into the bytes that go over the wire. The message handed to the transport is parsed back from
/// those bytes, so MailKit re-writes its headers and 7-bit parts unchanged; <see cref="Transmitted"/> is exactly what
/// the server receives (Bcc is left out on the wire, RFC 5322 §3.6.3) and what is kept as the sent copy.
/// </summary>
internal sealed class WireMessage
{
    private WireMessage(MimeMessage message, byte[] transmitted)
    {
        Message = message;
        Transmitted = transmitted;
    }

    /// <summary>To hand to the transport: it still carries Bcc, from which MailKit takes the blind recipients.</summary>
    public MimeMessage Message { get; }

    public byte[] Transmitted { get; }

    public static WireMessage Freeze(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);

        // 7-bit clean parts (base64 / quoted-printable) need no re-encoding, whatever the server supports (8BITMIME or not).
        message.Prepare(EncodingConstraint.SevenBit);
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        options.International = false;
        using var full = new MemoryStream();
        message.WriteTo(options, full);

        var parsed = MimeMessage.Load(new MemoryStream(full.ToArray(), writable: false));
        options.HiddenHeaders.Add(HeaderId.Bcc);
        using var wire = new MemoryStream();
        parsed.WriteTo(options, wire);
        return new WireMessage(parsed, wire.ToArray());
    }
}
