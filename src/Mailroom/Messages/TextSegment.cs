namespace Mailroom.Messages;

/// <summary>A run of plain text, or a link when <see cref="Url"/> is set. Rendered encoded; nothing in it is markup.</summary>
internal sealed record TextSegment(string Text, string? Url = null);
