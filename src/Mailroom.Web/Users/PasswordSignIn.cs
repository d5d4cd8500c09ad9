using Mailroom.Users;
using Mailroom.Web.Throttling;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Mailroom.Web.Users;

/// <summary>
/// Email + password sign-in shared by the sign-in page (cookie) and the API (bearer token), so that both count
/// towards the same lockout and say the same things.
/// </summary>
internal sealed class PasswordSignIn(
    SignInManager<MailroomUser> signInManager,
    SignInLockouts lockouts,
    IHttpContextAccessor http,
    IOptions<UserSecurityOptions> options,
    ILogger<PasswordSignIn> logger)
{
    public const string Cookie = "page";
    public const string Bearer = "api";

    /// <summary>A hash to check unknown emails against, so that they take as long as known ones (no enumeration by timing).</summary>
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<MailroomUser>().HashPassword(new MailroomUser(), Guid.NewGuid().ToString()));

    /// <summary>
    /// Checks the password (counting failures towards this client address's lockout for the account) and signs in:
    /// channel <see cref="Cookie"/> sets the application cookie, <see cref="Bearer"/> writes the bearer token response.
    /// </summary>
    public async Task<SignInOutcome> SignInAsync(string email, string password, bool persistent, string channel)
    {
        signInManager.AuthenticationScheme = channel == Bearer ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme;
        var users = signInManager.UserManager;
        var source = RateLimitPolicies.ClientAddress(http.HttpContext!);
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new MailroomUser(), DecoyHash.Value, password);
            UserLog.SignInFailed(logger, channel);
            return SignInOutcome.Mismatch;
        }

        if (lockouts.LockedUntil(source, user.Id) is { } locked)
        {
            UserLog.LockedOut(logger, user.Id, locked, channel);
            return new SignInOutcome(null, new LockoutNotice(options.Value.LockoutDuration, locked));
        }

        var result = await signInManager.PasswordSignInAsync(user, password, persistent, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            lockouts.Reset(source, user.Id);
            UserLog.SignedIn(logger, user.Id, channel);
            return new SignInOutcome(user.Id, null);
        }

        if (lockouts.RecordFailure(source, user.Id) is { } lockedUntil)
        {
            UserLog.LockedOut(logger, user.Id, lockedUntil, channel);
            return new SignInOutcome(null, new LockoutNotice(options.Value.LockoutDuration, lockedUntil));
        }

        UserLog.SignInFailed(logger, channel);
        return SignInOutcome.Mismatch;
    }
}

/// <summary>Either the signed-in user's id, or why not: a lockout, or (neither set) an email and password that don't match.</summary>
internal sealed record SignInOutcome(string? UserId, LockoutNotice? Lockout)
{
    public const string MismatchMessage = "That email and password don't match.";

    public static SignInOutcome Mismatch { get; } = new(null, null);

    public bool Succeeded => UserId is not null;
}
