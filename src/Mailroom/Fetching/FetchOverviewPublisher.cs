using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailroom.Fetching;

/// <summary>Reads the <see cref="FetchOverview"/> every OverviewInterval so the schedule gauges report fresh figures without querying on each scrape.</summary>
internal partial class FetchOverviewPublisher(
    IServiceScopeFactory scopes, FetchMetrics metrics, IOptionsMonitor<FetchingOptions> options, TimeProvider time, ILogger<FetchOverviewPublisher> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicWork.RunAsync(options.CurrentValue.OverviewInterval, time, FirstRun.AtOnce, RefreshAsync, stoppingToken);

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            metrics.Publish(await scope.ServiceProvider.GetRequiredService<FetchOverviewReader>().ReadAsync(cancellationToken));
        }
        catch (Exception exception) when (exception is DbException or TimeoutException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            // The gauges keep their last figures; the next refresh tries again.
            LogRefreshFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the fetch schedule overview for the metrics; trying again on the next refresh")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
