namespace Mailroom.Users;

/// <summary>
/// One sign-in: a browser's cookie or an API client's tokens. Every request checks that its session is still here and
/// not ended, so signing out ends it on the server, not just in the browser. <see cref="RefreshGeneration"/> counts
/// refresh-token rotations: only the newest refresh token works, and an older one coming back ends the session.
/// </summary>
internal sealed class UserSession
{
    public const int MaxUserAgentLength = 300;

    public Guid Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>"page" (cookie) or "api" (bearer token).</summary>
    public required string Channel { get; set; }

    /// <summary>The User-Agent at sign-in, shortened; shown so the user can recognise the device.</summary>
    public required string UserAgent { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public int RefreshGeneration { get; set; }
}
