namespace Mailroom.Workspaces;

/// <summary>An emailed invitation to join a workspace; only the hash of its token is stored.</summary>
internal sealed class WorkspaceInvitation
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid WorkspaceId { get; init; }

    public required string Email { get; init; }

    public required string TokenHash { get; init; }

    public required string InvitedByUserId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? AcceptedAt { get; set; }
}
