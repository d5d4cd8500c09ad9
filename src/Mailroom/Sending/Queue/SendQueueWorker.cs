using System.Data.Common;
using Mailroom.Sending.Compose;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailroom.Sending.Queue;

/// <summary>
/// Runs on every node: on each tick it claims what is due in the send queue and hands it over, one message after
/// another. Its first tick comes at start, so a message whose time passed while every node was down goes out then.
/// </summary>
internal sealed partial class SendQueueWorker(
    IServiceScopeFactory scopes,
    IOptionsMonitor<SendingOptions> options,
    TimeProvider time,
    ILogger<SendQueueWorker> logger) : BackgroundService
{
    private const int ClaimBatch = 10;

    /// <summary>This process's name in the queue's claims.</summary>
    public static string Node { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.QueueEnabled)
        {
            return;
        }

        // At shutdown a message being handed over keeps its claim until the lease runs out, then is resolved.
        await PeriodicWork.RunAsync(options.CurrentValue.QueueInterval, time, FirstRun.AtOnce, SendDueAsync, stoppingToken);
    }

    /// <summary>One tick; public so tests can drive the queue at a chosen (fake) time without waiting for the timer.</summary>
    public async Task SendDueAsync(CancellationToken stoppingToken)
    {
        try
        {
            IReadOnlyList<QueueClaim> claimed;
            do
            {
                await using var scope = scopes.CreateAsyncScope();
                var queue = scope.ServiceProvider.GetRequiredService<SendQueueStore>();
                claimed = await queue.ClaimDueAsync(Node, ClaimBatch, options.CurrentValue.QueueLease, stoppingToken);
                foreach (var claim in claimed)
                {
                    // A scope per message: one message's tracked rows never leak into the next one's save.
                    await using var delivery = scopes.CreateAsyncScope();
                    await delivery.ServiceProvider.GetRequiredService<QueuedMessageDelivery>().DeliverAsync(claim, stoppingToken);
                }
            }
            while (claimed.Count == ClaimBatch && !stoppingToken.IsCancellationRequested);
        }
        catch (Exception exception) when (exception is DbException or TimeoutException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
        {
            // A database outage must not end the worker; claimed rows are resolved when their lease runs out.
            LogTickFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The send queue could not be worked; trying again on the next tick")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
