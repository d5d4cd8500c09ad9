using Mailroom.Users;
using Mailroom.Web.Users;
using Mailroom.Workspaces;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Mailroom.Web.Api.Users;

/// <summary>
/// Bearer-token sign-in for API clients: register, login, refresh. Only these three of Identity's API endpoints;
/// the rest (2FA, email confirmation, password reset) are not offered, so they are not mapped.
/// </summary>
internal static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").AllowAnonymous().WithTags("Authentication");
        auth.MapPost("/register", RegisterAsync)
            .WithSummary("Creates a user with an email and password (the same rules as the sign-up page).");
        auth.MapPost("/login", LoginAsync)
            .WithSummary("Exchanges an email and password for a bearer access token and a refresh token.")
            .Produces<AccessTokenResponse>();
        auth.MapPost("/refresh", RefreshAsync)
            .WithSummary("Exchanges a refresh token for new tokens.")
            .Produces<AccessTokenResponse>();
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
        RefreshRequest request, SignInManager<MailroomUser> signInManager, IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider time)
    {
        var ticket = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        // A changed security stamp (password change, sign-out everywhere) ends every refresh token issued before it.
        if (ticket?.Properties.ExpiresUtc is not { } expires
            || time.GetUtcNow() >= expires
            || await signInManager.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            return TypedResults.Problem(
                title: "The refresh token is invalid or has expired. Sign in again.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var principal = await signInManager.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    internal sealed record RegisterRequest(string? Email, string? Password);

    internal sealed record LoginRequest(string? Email, string? Password);

    internal sealed record RefreshRequest(string? RefreshToken);
}
