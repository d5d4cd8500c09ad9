namespace Mailroom.Web.Hosting;

internal static class SecurityHeaders
{
    /// <summary>
    /// The app's own pages load scripts, styles, fonts and frames only from the app itself, and run no inline script.
    /// An endpoint that needs another policy (e.g. a sandboxed message body) sets its own header; this one is only a default.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    public static IApplicationBuilder UseMailroomSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.TryAdd("Content-Security-Policy", ContentSecurityPolicy);
                headers.TryAdd("X-Content-Type-Options", "nosniff");
                headers.TryAdd("Referrer-Policy", "same-origin");
                headers.TryAdd("X-Frame-Options", "SAMEORIGIN");
                headers.TryAdd("Cross-Origin-Opener-Policy", "same-origin");
                return Task.CompletedTask;
            });
            return next(context);
        });
}
