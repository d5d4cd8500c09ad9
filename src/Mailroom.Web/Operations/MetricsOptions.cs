namespace Mailroom.Web.Operations;

/// <summary>Bound from <c>Mailroom:Metrics</c>: where this node's metrics go.</summary>
internal sealed class MetricsOptions
{
    public const string SectionName = "Mailroom:Metrics";

    public MetricsExporter Exporter { get; set; } = MetricsExporter.Prometheus;

    /// <summary>Where a Prometheus server scrapes this node (Exporter = Prometheus). Counts only, no user data; keep it off the public load balancer.</summary>
    public string PrometheusPath { get; set; } = "/metrics";
}

internal enum MetricsExporter
{
    None,

    /// <summary>A scraping endpoint on every node.</summary>
    Prometheus,

    /// <summary>Pushed to an OpenTelemetry collector; set the standard OTEL_EXPORTER_OTLP_ENDPOINT (default http://localhost:4317).</summary>
    Otlp,
}
