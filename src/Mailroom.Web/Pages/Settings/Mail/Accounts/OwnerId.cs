using System.Security.Claims;

namespace Mailroom.Web.Pages.Settings.Mail.Accounts;

internal static class OwnerId
{
    public static string Of(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A signed-in request carries no user id.");
}
