namespace Mailroom.Search;

/// <summary>
/// The searchable text of one stored message (1:1, like the raw bytes): the visible body text as far as it is
/// indexed, and the attachment file names. Results read it to show where a word matched; the index itself is
/// kept beside it by <see cref="SearchIndex"/> (an FTS5 table on SQLite, a tsvector column on PostgreSQL).
/// A row exists for every indexed message, so the back-fill knows what is left to do.
/// </summary>
internal sealed class MessageText
{
    public long MessageId { get; init; }

    public string Body { get; init; } = "";

    /// <summary>One file name per line.</summary>
    public string AttachmentNames { get; init; } = "";
}
