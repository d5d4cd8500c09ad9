using Mailroom.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mailroom.Web.Live;

/// <summary>
/// The one reader of the events table on this node: every PollInterval it reads what is new (one query, however many
/// pages are open) and hands each event to the hub. Events written by any node reach every node this way, on SQLite
/// and PostgreSQL alike. Also prunes events past their retention.
/// </summary>
internal sealed partial class LiveEventPoller(
    IServiceScopeFactory scopes,
    LiveEventHub hub,
    IOptionsMonitor<LiveOptions> options,
    TimeProvider time,
    ILogger<LiveEventPoller> logger) : BackgroundService
{
    private const int BatchSize = 1000;
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var window = new SettleWindow();
        var nextPrune = time.GetUtcNow();
        using var timer = new PeriodicTimer(options.CurrentValue.PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<MailroomDbContext>();
                var now = time.GetUtcNow();
                if (window.Floor is null)
                {
                    // Events from before this node started reach pages through their own resume query.
                    window.Start(await db.MailboxEvents.MaxAsync(e => (long?)e.Id, stoppingToken) ?? 0);
                }

                var floor = window.Floor!.Value;
                var fresh = await db.MailboxEvents.AsNoTracking()
                    .Where(e => e.Id > floor)
                    .OrderBy(e => e.Id)
                    .Take(BatchSize)
                    .ToListAsync(stoppingToken);
                foreach (var change in fresh.Where(e => window.FirstSighting(e.Id)))
                {
                    hub.Publish(change);
                }

                window.Advance(now, options.CurrentValue.SettleTime);
                if (now >= nextPrune)
                {
                    var cutoff = now - options.CurrentValue.Retention;
                    await db.MailboxEvents.Where(e => e.At < cutoff).ExecuteDeleteAsync(stoppingToken);
                    nextPrune = now + PruneEvery;
                }
            }
            catch (Exception exception) when (exception is System.Data.Common.DbException or TimeoutException)
            {
                // A database that is away for a moment delays live updates; pages catch up on the next tick.
                LogPollFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read live events; retrying on the next tick")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
