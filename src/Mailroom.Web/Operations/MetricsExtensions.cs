using Mailroom.Fetching;
using OpenTelemetry.Metrics;

namespace Mailroom.Web.Operations;

internal static class MetricsExtensions
{
    /// <summary>Fetching's meter (and ASP.NET Core's own), exported as <see cref="MetricsOptions.Exporter"/> says.</summary>
    public static IServiceCollection AddMailroomMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions();
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName);
        if (settings.Exporter == MetricsExporter.None)
        {
            return services;
        }

        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(FetchMetrics.MeterName, "Microsoft.AspNetCore.Hosting");
            if (settings.Exporter == MetricsExporter.Otlp)
            {
                metrics.AddOtlpExporter();
            }
            else
            {
                metrics.AddPrometheusExporter();
            }
        });
        return services;
    }

    public static WebApplication MapMailroomMetrics(this WebApplication app)
    {
        var settings = app.Configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions();
        if (settings.Exporter == MetricsExporter.Prometheus)
        {
            // Scrapers do not sign in.
            app.MapPrometheusScrapingEndpoint(settings.PrometheusPath).AllowAnonymous();
        }

        return app;
    }
}
