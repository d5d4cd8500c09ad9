using Mailroom.Accounts;
using Mailroom.Data;
using Mailroom.Web.Api;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
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
            .Validate(hosting => hosting.PublicOrigin is not null,
                $"{HostingOptions.SectionName}:PublicBaseUrl must be set to Mailroom's public address, e.g. https://mail.example.com: links in mail are built from it, never from a request.")
            .ValidateOnStart();
        services.AddOptions<HostFilteringOptions>().Configure<IOptions<HostingOptions>, IConfiguration>((filtering, hosting, configuration) =>
        {
            // A request naming another host is refused, so nothing downstream can be fooled by a forged Host header.
            if (string.IsNullOrEmpty(configuration["AllowedHosts"]) && hosting.Value.PublicOrigin is { } origin)
            {
                filtering.AllowedHosts = [origin.IdnHost];
            }
        });
        services.AddOptions<AccountLinksOptions>().Configure<IOptions<HostingOptions>>((links, hosting) =>
            links.PublicOrigin = hosting.Value.PublicOrigin);
        services.AddOptions<HostOptions>().Configure<IOptions<HostingOptions>>((host, hosting) =>
            host.ShutdownTimeout = hosting.Value.ShutdownTimeout);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HostingOptions>>((forwarded, hosting) =>
            TrustProxies(forwarded, hosting.Value.TrustedProxies));

        // Every cookie (session, antiforgery, temp data) is Secure whenever the request was HTTPS, directly or per a trusted proxy.
        services.Configure<CookiePolicyOptions>(cookies => cookies.Secure = CookieSecurePolicy.SameAsRequest);
        services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            // HSTS is sent on HTTPS responses only; the public host may well be an address in tests and small set-ups.
            hsts.ExcludedHosts.Clear();
        });

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

    /// <summary>
    /// Moves the Data Protection key ring load from before Kestrel listens to just after (see <see cref="KeyRingWarmUp"/>).
    /// Call it after every feature is added: Identity and authentication add the framework's warm-up again otherwise.
    /// </summary>
    public static IServiceCollection AddMailroomKeyRingWarmUp(this IServiceCollection services)
    {
        KeyRingWarmUp.ReplaceFrameworkWarmUp(services);
        return services;
    }

    /// <summary>Security headers, error pages (problem details under /api) and static files, in that order.</summary>
    public static WebApplication UseMailroomHosting(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<HostingOptions>>().Value.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseHsts();
        app.UseCookiePolicy();
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

    private static void TrustProxies(ForwardedHeadersOptions forwarded, IEnumerable<string> proxies)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            if (System.Net.IPNetwork.TryParse(proxy, out var network))
            {
                forwarded.KnownIPNetworks.Add(network);
            }
            else if (System.Net.IPAddress.TryParse(proxy, out var address))
            {
                forwarded.KnownProxies.Add(address);
            }
            else
            {
                throw new InvalidOperationException($"Mailroom:Hosting:TrustedProxies has '{proxy}', which is neither an IP address nor a CIDR network.");
            }
        }
    }

    /// <summary><c>/healthz</c> answers 200 only while the database is reachable; load balancers call it without signing in.</summary>
    public static IEndpointRouteBuilder MapMailroomHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz").AllowAnonymous();
        return endpoints;
    }
}
