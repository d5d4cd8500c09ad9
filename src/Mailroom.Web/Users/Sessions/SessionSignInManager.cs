using System.Security.Claims;
using Mailroom.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Mailroom.Web.Users.Sessions;

/// <summary>Identity's sign-in manager, with every sign-in (password, two-factor, passkey; cookie or token) opening a server-side session.</summary>
internal sealed class SessionSignInManager(
    UserManager<MailroomUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<MailroomUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<MailroomUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<MailroomUser> confirmation,
    UserSessions sessions)
    : SignInManager<MailroomUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task SignInWithClaimsAsync(MailroomUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        ArgumentNullException.ThrowIfNull(user);
        var channel = AuthenticationScheme == IdentityConstants.BearerScheme ? PasswordSignIn.Bearer : PasswordSignIn.Cookie;
        var sessionId = await sessions.StartAsync(user.Id, channel, Context.Request.Headers.UserAgent, Context.RequestAborted);
        await base.SignInWithClaimsAsync(user, authenticationProperties, [.. additionalClaims, .. SessionClaims.For(sessionId, 0)]);
    }

    /// <summary>A refreshed cookie is a new session; the one it replaces ends.</summary>
    public override async Task RefreshSignInAsync(MailroomUser user)
    {
        var replaced = SessionClaims.SessionIdOf(Context.User);
        await base.RefreshSignInAsync(user);
        await EndCurrentAsync(replaced);
    }

    /// <summary>Ends the current request's session on the server, then removes the cookie.</summary>
    public override async Task SignOutAsync()
    {
        await EndCurrentAsync(SessionClaims.SessionIdOf(Context.User));
        await base.SignOutAsync();
    }

    private async Task EndCurrentAsync(Guid? sessionId)
    {
        if (sessionId is { } id && UserManager.GetUserId(Context.User) is { } userId)
        {
            await sessions.EndAsync(userId, id, Context.RequestAborted);
        }
    }
}
