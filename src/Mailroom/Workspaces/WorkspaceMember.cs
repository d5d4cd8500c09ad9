namespace Mailroom.Workspaces;

/// <summary>A user's place in their one workspace (the user id is unique across all workspaces).</summary>
internal sealed class WorkspaceMember
{
    public required string UserId { get; init; }

    public Guid WorkspaceId { get; set; }

    public WorkspaceRole Role { get; set; }

    public DateTimeOffset JoinedAt { get; set; }
}
