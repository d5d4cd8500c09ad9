namespace Mailroom.Messages;

/// <summary>The message exactly as the server sent it, byte for byte.</summary>
internal sealed class RawMessage
{
    public long MessageId { get; init; }

    public required byte[] Content { get; init; }
}
