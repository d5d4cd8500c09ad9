namespace Mailroom.Workspaces;

/// <summary>An owner manages members, invitations, API keys and webhooks; a member works with clients and shared mail.</summary>
internal enum WorkspaceRole
{
    Owner = 0,
    Member = 1,
}
