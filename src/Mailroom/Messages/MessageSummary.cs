namespace Mailroom.Messages;

/// <summary>What the message list shows about a message, taken from its headers and first text part.</summary>
public sealed record MessageSummary(
    DateTimeOffset SentAt,
    string FromName,
    string FromAddress,
    string To,
    string Cc,
    string Subject,
    string Snippet,
    string? MessageIdHeader,
    bool HasAttachments,
    long Size);
