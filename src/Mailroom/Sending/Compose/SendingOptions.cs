using System.ComponentModel.DataAnnotations;

namespace Mailroom.Sending.Compose;

/// <summary>Limits on what users send (<c>Mailroom:Sending</c>).</summary>
internal sealed class SendingOptions
{
    public const string SectionName = "Mailroom:Sending";

    /// <summary>Total size of a message's attachments, in bytes (forwarded ones included). Base64 adds a third on the wire.</summary>
    [Range(0, 1L << 30)]
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    [Range(1, 100_000)]
    public int MaxBodyLength { get; set; } = 100_000;
}
