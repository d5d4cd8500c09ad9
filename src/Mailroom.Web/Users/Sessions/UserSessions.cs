using Mailroom.Data;
using Mailroom.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Web.Users.Sessions;

/// <summary>
/// Server-side sessions: started at every sign-in, checked on every request, ended by sign-out, "sign out everywhere",
/// a password change or a reused refresh token. A cookie or token whose session has ended is worth nothing.
/// </summary>
internal sealed class UserSessions(MailroomDbContext db, TimeProvider time)
{
    /// <summary>As long as a sign-in cookie or a refresh token lives (Identity's defaults): an idle session ends after it.</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromDays(14);

    /// <summary>"Last seen" is written at most this often, so that reading pages does not mean a write per request.</summary>
    private static readonly TimeSpan LastSeenPrecision = TimeSpan.FromMinutes(1);

    public async Task<Guid> StartAsync(string userId, string channel, string? userAgent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var agent = (userAgent ?? "").Trim();
        var session = new UserSession
        {
            UserId = userId,
            Channel = channel,
            UserAgent = agent.Length > UserSession.MaxUserAgentLength ? agent[..UserSession.MaxUserAgentLength] : agent,
            CreatedAt = now,
            LastSeenAt = now,
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>True while the session is open and the user's security stamp is still the one it was signed in with.</summary>
    public async Task<bool> IsActiveAsync(Guid sessionId, string userId, string? securityStamp, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var open = await Open(userId, now)
            .Where(s => s.Id == sessionId)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s.LastSeenAt, u.SecurityStamp })
            .SingleOrDefaultAsync(cancellationToken);
        if (open is null || open.SecurityStamp != securityStamp)
        {
            return false;
        }

        if (now - open.LastSeenAt >= LastSeenPrecision)
        {
            await db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, now), cancellationToken);
        }

        return true;
    }

    public async Task<IReadOnlyList<UserSession>> ListOpenAsync(string userId, CancellationToken cancellationToken) =>
        await Open(userId, time.GetUtcNow()).AsNoTracking().OrderByDescending(s => s.LastSeenAt).ToListAsync(cancellationToken);

    public Task<int> EndAsync(string userId, Guid sessionId, CancellationToken cancellationToken) =>
        EndWhereAsync(userId, s => s.Id == sessionId, cancellationToken);

    public Task<int> EndAllAsync(string userId, CancellationToken cancellationToken) =>
        EndWhereAsync(userId, _ => true, cancellationToken);

    /// <summary>
    /// Moves the session to the next refresh generation if <paramref name="generation"/> is its current one. An older
    /// generation means a refresh token was used twice, so one copy is in someone else's hands: the session ends.
    /// </summary>
    public async Task<int?> RotateRefreshAsync(string userId, Guid sessionId, int generation, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rotated = await Open(userId, now)
            .Where(s => s.Id == sessionId && s.RefreshGeneration == generation)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.RefreshGeneration, generation + 1).SetProperty(s => s.LastSeenAt, now), cancellationToken);
        if (rotated == 1)
        {
            return generation + 1;
        }

        await EndAsync(userId, sessionId, cancellationToken);
        return null;
    }

    private Task<int> EndWhereAsync(string userId, System.Linq.Expressions.Expression<Func<UserSession, bool>> which, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null).Where(which)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, now), cancellationToken);
    }

    private IQueryable<UserSession> Open(string userId, DateTimeOffset now)
    {
        var idleSince = now - IdleLifetime;
        return db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null && s.LastSeenAt > idleSince);
    }
}
