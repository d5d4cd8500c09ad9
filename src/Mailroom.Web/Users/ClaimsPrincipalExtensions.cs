using System.Security.Claims;

namespace Mailroom.Web.Users;

internal static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in user's id (cookie or bearer): filter every query for user data by it.</summary>
    public static string GetUserId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The request is not authenticated; the endpoint must require authorization.");
    }
}
