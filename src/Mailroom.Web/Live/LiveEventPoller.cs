using Mailroom.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mailroom.Web.Live;

/// <summary>
/// The one reader of the events table on this node: every PollInterval, while a page on this node is listening, it
/// reads what is new (one query, however many pages are open) and hands each event to the hub. Events written by any
/// node reach every node this way, on SQLite and PostgreSQL alike. With no page open it reads nothing; it only prunes
/// events past their retention, once every <see cref="PruneEvery"/>.
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

    private SettleWindow _window = new();
    private DateTimeOffset? _nextPrune;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicWork.RunAsync(options.CurrentValue.PollInterval, time, FirstRun.AfterOneInterval, RoundAsync, stoppingToken);

    private async Task RoundAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow();
            if (hub.IsIdle)
            {
                // Streams opened later replay what they missed themselves; the window restarts with them.
                _window = new SettleWindow();
            }
            else
            {
                await PublishNewAsync(_window, now, cancellationToken);
            }

            if (now >= (_nextPrune ??= now))
            {
                await PruneAsync(now, cancellationToken);
                _nextPrune = now + PruneEvery;
            }
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or TimeoutException)
        {
            // A database that is away for a moment delays live updates; pages catch up on the next round.
            LogPollFailed(logger, exception);
        }
    }

    private async Task PublishNewAsync(SettleWindow window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDbContext>();
        if (window.Floor is null)
        {
            // From the oldest point an open stream replayed from: what became visible after its replay is published.
            // Without one, events from before this moment reach pages through their own resume query.
            window.Start(hub.EarliestStart ?? await db.MailboxEvents.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0);
        }

        var floor = window.Floor!.Value;
        var fresh = await db.MailboxEvents.AsNoTracking()
            .Where(e => e.Id > floor)
            .OrderBy(e => e.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var change in fresh.Where(e => window.FirstSighting(e.Id)))
        {
            hub.Publish(change);
        }

        window.Advance(now, options.CurrentValue.SettleTime);
    }

    private async Task PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailroomDbContext>();
        var cutoff = now - options.CurrentValue.Retention;
        await db.MailboxEvents.Where(e => e.At < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read live events; retrying on the next round")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
