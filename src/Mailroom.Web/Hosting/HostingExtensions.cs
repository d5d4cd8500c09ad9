using Mailroom.Data;
using Mailroom.Web.Api;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Mailroom.Web.Hosting;

internal static class HostingExtensions
{
    /// <summary>Operations: health check, log format, graceful shutdown, the clock.</summary>
    public static IServiceCollection AddMailroomHosting(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<MailroomDbContext>("database");
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<HostingOptions>()
            .BindConfiguration(HostingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<HostOptions>().Configure<IOptions<HostingOptions>>((host, hosting) =>
            host.ShutdownTimeout = hosting.Value.ShutdownTimeout);

        // One JSON object per line for log collectors in production, readable lines on a developer's console;
        // Logging:Console:FormatterName (json, simple, systemd) overrides either.
        services.AddOptions<ConsoleLoggerOptions>().PostConfigure<IHostEnvironment>((console, environment) =>
            console.FormatterName ??= environment.IsDevelopment() ? ConsoleFormatterNames.Simple : ConsoleFormatterNames.Json);
        services.AddOptions<JsonConsoleFormatterOptions>().PostConfigure(json =>
        {
            json.UseUtcTimestamp = true;
            json.TimestampFormat ??= "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });
        return services;
    }

    /// <summary>Security headers, error pages (problem details under /api) and static files, in that order.</summary>
    public static WebApplication UseMailroomHosting(this WebApplication app)
    {
        app.UseMailroomSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseWhen(context => context.Request.IsApiRequest(), api => api.UseExceptionHandler());
            app.UseWhen(context => !context.Request.IsApiRequest(), pages => pages.UseExceptionHandler("/error"));
        }

        app.UseWhen(context => context.Request.IsApiRequest(), api => api.UseStatusCodePages());
        app.UseWhen(context => !context.Request.IsApiRequest(), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseStaticFiles();
        return app;
    }

    /// <summary><c>/healthz</c> answers 200 only while the database is reachable; load balancers call it without signing in.</summary>
    public static IEndpointRouteBuilder MapMailroomHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz").AllowAnonymous();
        return endpoints;
    }
}
