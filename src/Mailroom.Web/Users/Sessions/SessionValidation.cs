using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Mailroom.Web.Users.Sessions;

/// <summary>
/// Checks every sign-in cookie and bearer token as it is read: one whose session has ended, or whose security stamp
/// changed since it was issued (password change, sign out everywhere), fails authentication, so the caller is asked to
/// sign in again (a redirect for pages, 401 for the API).
/// </summary>
internal static class SessionValidation
{
    public static async Task<bool> IsActiveAsync(ClaimsPrincipal principal, HttpContext context)
    {
        var identity = context.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = principal.FindFirstValue(identity.UserIdClaimType);
        var stamp = principal.FindFirstValue(identity.SecurityStampClaimType);
        return userId is not null && SessionClaims.SessionIdOf(principal) is { } sessionId
            && await context.RequestServices.GetRequiredService<UserSessions>().IsActiveAsync(sessionId, userId, stamp, context.RequestAborted);
    }

    /// <summary>For the application cookie, before Identity's own periodic security-stamp check.</summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null || !await IsActiveAsync(context.Principal, context.HttpContext))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>For bearer tokens: the handler has no validation event, so the token is read here first.</summary>
    public static async Task ValidateBearerAsync(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var ticket = context.Options.BearerTokenProtector.Unprotect(header["Bearer ".Length..].Trim());
        if (ticket is not null && !await IsActiveAsync(ticket.Principal, context.HttpContext))
        {
            context.Fail("The session of this token has ended.");
        }
    }
}
