using System.Security.Claims;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mailroom.Web.Api.Users;

internal static class TimeZoneEndpoint
{
    public static RouteGroupBuilder MapTimeZoneEndpoint(this RouteGroupBuilder api)
    {
        api.MapPut("/me/time-zone", SetAsync)
            .RequireAuthorization()
            .WithTags("Users")
            .WithSummary("Stores the IANA time zone (e.g. Europe/Berlin) every time is shown in for the signed-in user.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return api;
    }

    private static async Task<Results<NoContent, ValidationProblem>> SetAsync(
        TimeZoneRequest request, ClaimsPrincipal user, UserTimeZone timeZones, CancellationToken cancellationToken)
    {
        return await timeZones.SetAsync(user.GetUserId(), request.TimeZone, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["timeZone"] = ["Unknown time zone. Use an IANA name such as Europe/Berlin or America/New_York."],
            });
    }
}

internal sealed record TimeZoneRequest(string? TimeZone);
