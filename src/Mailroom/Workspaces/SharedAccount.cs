namespace Mailroom.Workspaces;

/// <summary>
/// A mail account its owner shared with their workspace: members see its mail in client timelines, read-only.
/// No row means private, the default.
/// </summary>
internal sealed class SharedAccount
{
    public Guid AccountId { get; init; }

    public Guid WorkspaceId { get; init; }

    public DateTimeOffset SharedAt { get; init; }
}
