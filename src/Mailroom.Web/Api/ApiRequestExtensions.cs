namespace Mailroom.Web.Api;

internal static class ApiRequestExtensions
{
    /// <summary>Requests under /api answer JSON (problem details on errors), never HTML or a redirect.</summary>
    public static bool IsApiRequest(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments("/api");
    }

    public static bool HasBearerToken(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
    }
}
