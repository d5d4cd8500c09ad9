using System.Globalization;
using System.Security.Claims;

namespace Mailroom.Web.Users.Sessions;

/// <summary>The claims that tie a cookie or token to its <see cref="Mailroom.Users.UserSession"/> row.</summary>
internal static class SessionClaims
{
    public const string SessionId = "mailroom:sid";
    public const string RefreshGeneration = "mailroom:rgen";

    public static Claim[] For(Guid sessionId, int refreshGeneration) =>
    [
        new(SessionId, sessionId.ToString("N")),
        new(RefreshGeneration, refreshGeneration.ToString(CultureInfo.InvariantCulture)),
    ];

    public static Guid? SessionIdOf(ClaimsPrincipal principal) =>
        Guid.TryParseExact(principal?.FindFirstValue(SessionId), "N", out var id) ? id : null;

    public static int? RefreshGenerationOf(ClaimsPrincipal principal) =>
        int.TryParse(principal?.FindFirstValue(RefreshGeneration), NumberStyles.None, CultureInfo.InvariantCulture, out var generation) ? generation : null;
}
