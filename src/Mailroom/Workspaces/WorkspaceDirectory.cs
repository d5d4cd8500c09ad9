using Mailroom.Data;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Workspaces;

/// <summary>
/// Which workspace a user is in. Sign-up creates the user's own workspace (they are its owner); users who signed up
/// before workspaces existed get theirs the first time they are looked up.
/// </summary>
internal sealed class WorkspaceDirectory(MailroomDbContext db, IDbContextFactory<MailroomDbContext> databases, TimeProvider time)
{
    public async Task<WorkspaceMember> MembershipAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return await db.WorkspaceMembers.AsNoTracking().SingleOrDefaultAsync(m => m.UserId == userId, cancellationToken)
            ?? await CreateOwnAsync(userId, cancellationToken);
    }

    /// <summary>Gives a new user a workspace of their own; does nothing if they already have one.</summary>
    public async Task<WorkspaceMember> CreateOwnAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        // Its own context: a unique-key clash with a parallel request must not poison the request's context.
        await using var own = await databases.CreateDbContextAsync(cancellationToken);
        var email = await own.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow();
        var workspace = new Workspace { Name = NameFor(email), CreatedAt = now };
        var member = new WorkspaceMember { UserId = userId, WorkspaceId = workspace.Id, Role = WorkspaceRole.Owner, JoinedAt = now };
        own.Workspaces.Add(workspace);
        own.WorkspaceMembers.Add(member);
        try
        {
            await own.SaveChangesAsync(cancellationToken);
            return member;
        }
        catch (DbUpdateException)
        {
            // Another request created it first (the user id is unique among members).
            await using var fresh = await databases.CreateDbContextAsync(cancellationToken);
            return await fresh.WorkspaceMembers.AsNoTracking().SingleAsync(m => m.UserId == userId, cancellationToken);
        }
    }

    public Task<Workspace> WorkspaceAsync(Guid workspaceId, CancellationToken cancellationToken) =>
        db.Workspaces.AsNoTracking().SingleAsync(w => w.Id == workspaceId, cancellationToken);

    public Task<List<WorkspaceMemberSummary>> MembersAsync(Guid workspaceId, CancellationToken cancellationToken) =>
        db.WorkspaceMembers.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.UserId, u.Email, m.Role, m.JoinedAt })
            .OrderBy(m => m.Role).ThenBy(m => m.Email)
            .Select(m => new WorkspaceMemberSummary(m.UserId, m.Email ?? "", m.Role, m.JoinedAt))
            .ToListAsync(cancellationToken);

    /// <summary>The users of a workspace: whose mail its clients are filed from.</summary>
    public IQueryable<string> MemberIds(Guid workspaceId) =>
        db.WorkspaceMembers.Where(m => m.WorkspaceId == workspaceId).Select(m => m.UserId);

    private static string NameFor(string? email) =>
        email is { Length: > 0 } ? $"{email}'s workspace" : "My workspace";
}

internal sealed record WorkspaceMemberSummary(string UserId, string Email, WorkspaceRole Role, DateTimeOffset JoinedAt);
