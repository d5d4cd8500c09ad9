using System.Security.Claims;
using Mailroom.Users;
using Mailroom.Web.Throttling;
using Mailroom.Web.Users;
using Mailroom.Web.Users.Sessions;
using Mailroom.Workspaces;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Mailroom.Web.Api.Users;

/// <summary>
/// Bearer-token sign-in for API clients: register, login, refresh (rotating), logout, and the list of open sessions.
/// </summary>
internal static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").AllowAnonymous().WithTags("Authentication");
        auth.MapPost("/register", RegisterAsync)
            .RequireRateLimiting(RateLimitPolicies.SignUp)
            .WithSummary("Creates a user with an email and password (the same rules as the sign-up page).");
        auth.MapPost("/login", LoginAsync)
            .RequireRateLimiting(RateLimitPolicies.SignIn)
            .WithSummary("Exchanges an email and password for a bearer access token and a refresh token.")
            .Produces<AccessTokenResponse>();
        auth.MapPost("/refresh", RefreshAsync)
            .WithSummary("Exchanges a refresh token for new tokens. Each refresh token works once; using one twice ends its session.")
            .Produces<AccessTokenResponse>();
        auth.MapPost("/password-strength", RatePassword)
            .WithSummary("How guessable a password would be (zxcvbn score 0-4; 3 is required) and, if too weak, why. Nothing is stored.");
        var session = api.MapGroup("/auth").RequireAuthorization().WithTags("Authentication");
        session.MapPost("/logout", LogoutAsync)
            .WithSummary("Ends this token's session: its access and refresh tokens stop working.");
        session.MapPost("/logout-everywhere", LogoutEverywhereAsync)
            .WithSummary("Ends every session of the user, on every device, this one included.");
        session.MapGet("/sessions", SessionsAsync)
            .WithSummary("The user's open sessions: device, channel, started and last seen.");
        return api;
    }

    private static async Task<Results<Ok<UserResponse>, ValidationProblem>> RegisterAsync(
        RegisterRequest request, UserManager<MailroomUser> users, WorkspaceDirectory workspaces, ILogger<PasswordSignIn> logger,
        CancellationToken cancellationToken)
    {
        var user = new MailroomUser { UserName = request.Email, Email = request.Email };
        var result = await users.CreateAsync(user, request.Password ?? "");
        if (!result.Succeeded)
        {
            return TypedResults.ValidationProblem(result.Errors
                .GroupBy(error => error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email")
                .ToDictionary(field => field.Key, field => field.Select(error => error.Description).Distinct().ToArray()));
        }

        UserLog.SignedUp(logger, user.Id);
        await workspaces.CreateOwnAsync(user.Id, cancellationToken);
        return TypedResults.Ok(new UserResponse(user.Id, user.Email!));
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(LoginRequest request, PasswordSignIn signIn)
    {
        var outcome = await signIn.SignInAsync(request.Email ?? "", request.Password ?? "", persistent: false, PasswordSignIn.Bearer);
        if (outcome.Succeeded)
        {
            // The bearer token handler has already written the token response.
            return TypedResults.Empty;
        }

        return outcome.Lockout is { } lockout
            ? TypedResults.Problem(
                title: lockout.Message,
                statusCode: StatusCodes.Status401Unauthorized,
                extensions: new Dictionary<string, object?> { ["lockedUntil"] = lockout.LockedUntil.UtcDateTime })
            : TypedResults.Problem(title: SignInOutcome.MismatchMessage, statusCode: StatusCodes.Status401Unauthorized);
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, SignInManager<MailroomUser> signInManager, UserSessions sessions, IOptionsMonitor<BearerTokenOptions> bearerOptions,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var ticket = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        // A changed security stamp (password change, sign-out everywhere) ends every refresh token issued before it;
        // rotation makes each one single-use, and a second use ends the session it belongs to.
        if (ticket?.Properties.ExpiresUtc is not { } expires
            || time.GetUtcNow() >= expires
            || SessionClaims.SessionIdOf(ticket.Principal) is not { } sessionId
            || SessionClaims.RefreshGenerationOf(ticket.Principal) is not { } generation
            || await signInManager.ValidateSecurityStampAsync(ticket.Principal) is not { } user
            || await sessions.RotateRefreshAsync(user.Id, sessionId, generation, cancellationToken) is not { } next)
        {
            return TypedResults.Problem(
                title: "The refresh token is invalid, used or expired. Sign in again.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var principal = await signInManager.CreateUserPrincipalAsync(user);
        principal.Identities.First().AddClaims(SessionClaims.For(sessionId, next));
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static Ok<PasswordStrengthResponse> RatePassword(PasswordStrengthRequest request)
    {
        var (score, reason) = PasswordStrength.Evaluate(request.Password ?? "", request.Email);
        return TypedResults.Ok(new PasswordStrengthResponse(score, score >= PasswordStrength.RequiredScore, reason));
    }

    private static async Task<NoContent> LogoutAsync(ClaimsPrincipal user, UserSessions sessions, CancellationToken cancellationToken)
    {
        if (SessionClaims.SessionIdOf(user) is { } sessionId)
        {
            await sessions.EndAsync(user.GetUserId(), sessionId, cancellationToken);
        }

        return TypedResults.NoContent();
    }

    private static async Task<NoContent> LogoutEverywhereAsync(ClaimsPrincipal user, UserSessions sessions, CancellationToken cancellationToken)
    {
        await sessions.EndAllAsync(user.GetUserId(), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<SessionResponse[]>> SessionsAsync(ClaimsPrincipal user, UserSessions sessions, CancellationToken cancellationToken)
    {
        var current = SessionClaims.SessionIdOf(user);
        var open = await sessions.ListOpenAsync(user.GetUserId(), cancellationToken);
        return TypedResults.Ok(open.Select(s => new SessionResponse(
            s.Id, DeviceName.Describe(s.UserAgent), s.Channel, s.CreatedAt.UtcDateTime, s.LastSeenAt.UtcDateTime, s.Id == current)).ToArray());
    }

    internal sealed record PasswordStrengthRequest(string? Password, string? Email);

    internal sealed record PasswordStrengthResponse(int Score, bool Acceptable, string? Reason);

    internal sealed record SessionResponse(Guid Id, string Device, string Channel, DateTime StartedAt, DateTime LastSeenAt, bool Current);

    internal sealed record RegisterRequest(string? Email, string? Password);

    internal sealed record LoginRequest(string? Email, string? Password);

    internal sealed record RefreshRequest(string? RefreshToken);
}
