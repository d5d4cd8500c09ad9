using Mailroom.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Mailroom.Web.Users;

/// <summary>
/// Email + password sign-in shared by the sign-in page (cookie) and the API (bearer token), so that both count
/// towards the same lockout and say the same things.
/// </summary>
internal sealed class PasswordSignIn(
    SignInManager<MailroomUser> signInManager,
    IOptions<UserSecurityOptions> options,
    ILogger<PasswordSignIn> logger)
{
    public const string Cookie = "page";
    public const string Bearer = "api";

    /// <summary>
    /// Checks the password (counting failures towards the lockout) and signs in: channel <see cref="Cookie"/> sets the
    /// application cookie, <see cref="Bearer"/> writes the bearer token response.
    /// </summary>
    public async Task<SignInOutcome> SignInAsync(string email, string password, bool persistent, string channel)
    {
        signInManager.AuthenticationScheme = channel == Bearer ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme;
        var users = signInManager.UserManager;
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            UserLog.SignInFailed(logger, channel);
            return SignInOutcome.Mismatch;
        }

        var result = await signInManager.PasswordSignInAsync(user, password, persistent, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            UserLog.SignedIn(logger, user.Id, channel);
            return new SignInOutcome(user.Id, null);
        }

        if (result.IsLockedOut && await users.GetLockoutEndDateAsync(user) is { } lockedUntil)
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
