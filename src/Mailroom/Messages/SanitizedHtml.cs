namespace Mailroom.Messages;

/// <summary>
/// A complete HTML document, safe to show in a sandboxed frame, and how many remote images or other resources
/// were left out of it (non-zero offers "Show images").
/// </summary>
internal sealed record SanitizedHtml(string Html, int BlockedRemoteResources);
