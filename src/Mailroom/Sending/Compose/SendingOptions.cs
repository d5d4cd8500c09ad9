using System.ComponentModel.DataAnnotations;

namespace Mailroom.Sending.Compose;

/// <summary>Limits on what users send, and how the send queue holds and hands out messages (<c>Mailroom:Sending</c>).</summary>
internal sealed class SendingOptions
{
    public const string SectionName = "Mailroom:Sending";

    /// <summary>Total size of a message's attachments, in bytes (forwarded ones included). Base64 adds a third on the wire.</summary>
    [Range(0, 1L << 30)]
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    [Range(1, 100_000)]
    public int MaxBodyLength { get; set; } = 100_000;

    /// <summary>How long Send holds a message so that Undo can still stop it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan UndoDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How far ahead Schedule send may go.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan MaxScheduleAhead { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Run the send queue worker on this node.</summary>
    public bool QueueEnabled { get; set; } = true;

    /// <summary>How often a node looks for due messages; also the lateness of a send after its undo window.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan QueueInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a node's claim on a message lives. Longer than any one hand-over (connect and command timeouts), so a
    /// claim only expires when its node died; the message is then resolved by its Message-ID, never sent blindly again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan QueueLease { get; set; } = TimeSpan.FromMinutes(5);
}
