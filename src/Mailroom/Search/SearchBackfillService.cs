using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailroom.Search;

/// <summary>
/// Runs the back-fill on this node until nothing is left (then it ends: new mail is indexed as it is stored).
/// A failed batch (database away, a node racing this one) is retried after a pause; nothing is skipped.
/// </summary>
internal sealed partial class SearchBackfillService(
    IServiceScopeFactory scopes, IOptions<SearchOptions> options, TimeProvider time, ILogger<SearchBackfillService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackfillEnabled)
        {
            return;
        }

        try
        {
            var batches = 0;
            while (true)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    if (!await scope.ServiceProvider.GetRequiredService<SearchBackfiller>().IndexNextBatchAsync(stoppingToken))
                    {
                        break;
                    }

                    batches++;
                }
                catch (Exception exception) when (exception is DbException or TimeoutException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
                {
                    LogBatchFailed(logger, exception, options.Value.BackfillRetryDelay);
                    await Task.Delay(options.Value.BackfillRetryDelay, time, stoppingToken);
                }
            }

            if (batches > 0)
            {
                LogCompleted(logger, batches);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: the next start resumes from the mark in the database.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search back-fill finished after {Batches} batches")]
    private static partial void LogCompleted(ILogger logger, int batches);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A search back-fill batch failed; trying again in {Delay}")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, TimeSpan delay);
}
