using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Antiforgery;

namespace Mailroom.Web.Api;

internal static class ApiServiceCollectionExtensions
{
    /// <summary>The JSON API's plumbing: problem details for errors, enum values named in kebab case, and the OpenAPI document of everything under /api.</summary>
    public static IServiceCollection AddMailroomApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(ApiNames.Policy)));
        services.AddOpenApi(openApi =>
        {
            openApi.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            openApi.AddDocumentTransformer<BearerSecurityScheme>();
            openApi.AddOperationTransformer<BearerSecurityScheme>();
        });
        return services;
    }

    /// <summary>
    /// /api also accepts the sign-in cookie so the app's own pages can call it. A browser sends that cookie on
    /// cross-site requests too, so an unsafe method authenticated by the cookie must carry the antiforgery token
    /// (header <c>RequestVerificationToken</c>; the layout puts it in a meta tag). Bearer requests are not exposed
    /// to CSRF: the browser never adds the header by itself.
    /// </summary>
    public static IApplicationBuilder UseMailroomApiAntiforgery(this IApplicationBuilder app) =>
        app.UseWhen(RequiresAntiforgery, branch => branch.Use(async (context, next) =>
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                await TypedResults.Problem(
                    title: "Missing or invalid antiforgery token.",
                    detail: "Requests that use the sign-in cookie must send the RequestVerificationToken header.",
                    statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
                return;
            }

            await next(context);
        }));

    private static bool RequiresAntiforgery(HttpContext context) =>
        context.Request.IsApiRequest()
        && !HttpMethods.IsGet(context.Request.Method)
        && !HttpMethods.IsHead(context.Request.Method)
        && !HttpMethods.IsOptions(context.Request.Method)
        && !HttpMethods.IsTrace(context.Request.Method)
        && !context.Request.HasBearerToken()
        && context.User.Identity?.IsAuthenticated == true;
}
