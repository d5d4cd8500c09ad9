using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailroom.Clients;

/// <summary>Runs on every node: re-files clients whose addresses changed, one at a time, under a database lease.</summary>
internal sealed partial class RefilingWorker(
    IServiceScopeFactory scopes, IOptionsMonitor<ClientsOptions> options, TimeProvider time, ILogger<RefilingWorker> logger) : BackgroundService
{
    // At shutdown an unfinished re-filing keeps its row and is taken over when the lease expires.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicWork.RunAsync(options.CurrentValue.RefilingInterval, time, FirstRun.AtOnce, RunPendingAsync, stoppingToken);

    /// <summary>Works through every pending re-filing this node can claim.</summary>
    public async Task RunPendingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var refiler = scope.ServiceProvider.GetRequiredService<ClientRefiler>();
            while (await refiler.ClaimAsync(cancellationToken) is { } claim)
            {
                var (clientId, token) = claim;
                LogStarted(logger, clientId);
                if (!await refiler.RunAsync(clientId, token, cancellationToken))
                {
                    LogLeaseLost(logger, clientId);
                }
            }
        }
        catch (Exception exception) when (exception is DbException or TimeoutException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            // A database outage must not end the worker; it tries again on the next tick.
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-filing the mail of client {ClientId}")]
    private static partial void LogStarted(ILogger logger, long clientId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-filing of client {ClientId} was taken over by another node")]
    private static partial void LogLeaseLost(ILogger logger, long clientId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-filing failed; retrying on the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
