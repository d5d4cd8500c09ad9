using MimeKit;

namespace Mailroom.Messages;

/// <summary>Names, types and sizes of a message's attachments, and their decoded content for download.</summary>
internal static class Attachments
{
    public static IReadOnlyList<AttachmentInfo> Describe(MessageParts parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return [.. parts.Attachments.Select((entity, index) =>
        {
            using var counter = new CountingStream();
            WriteContent(entity, counter);
            return new AttachmentInfo(index, SafeFileName.For(entity, index), entity.ContentType.MimeType.ToLowerInvariant(), counter.Length);
        })];
    }

    /// <summary>The attachment's decoded bytes, or null when the message has no attachment with that number.</summary>
    public static AttachmentContent? Open(byte[] raw, int index)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var message = MimeMessageLoader.TryLoad(raw);
        if (message is null)
        {
            return null;
        }

        var parts = MessageParts.Of(message);
        if (index < 0 || index >= parts.Attachments.Count)
        {
            return null;
        }

        var entity = parts.Attachments[index];
        var content = new MemoryStream();
        WriteContent(entity, content);
        content.Position = 0;
        return new AttachmentContent(SafeFileName.For(entity, index), entity.ContentType.MimeType.ToLowerInvariant(), content);
    }

    private static void WriteContent(MimeEntity entity, Stream destination)
    {
        switch (entity)
        {
            case MessagePart { Message: { } nested }:
                nested.WriteTo(destination);
                break;
            case MimePart { Content: { } content }:
                content.DecodeTo(destination);
                break;
            default:
                entity.WriteTo(destination, contentOnly: true);
                break;
        }
    }

    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

/// <summary>A decoded attachment; the caller disposes <see cref="Content"/>.</summary>
internal sealed record AttachmentContent(string FileName, string ContentType, Stream Content);
