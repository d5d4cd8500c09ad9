using System.Security.Claims;
using Mailroom.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Mailroom.Web.Api.Users;

internal static class MeEndpoint
{
    public static RouteGroupBuilder MapMeEndpoint(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetMeAsync)
            .RequireAuthorization()
            .WithTags("Users")
            .WithSummary("The signed-in user.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return api;
    }

    private static async Task<Results<Ok<UserResponse>, NotFound>> GetMeAsync(ClaimsPrincipal principal, UserManager<MailroomUser> users)
    {
        // A valid token for a deleted user is possible until it expires.
        return await users.GetUserAsync(principal) is { Email: { } email } user
            ? TypedResults.Ok(new UserResponse(user.Id, email))
            : TypedResults.NotFound();
    }
}
