using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Mailroom.Data;
using Mailroom.Live;
using Mailroom.Web.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mailroom.Web.Live;

/// <summary>
/// GET /api/events: the signed-in user's changes as Server-Sent Events. A browser's EventSource resumes by itself
/// (it sends Last-Event-ID on reconnect); <c>?after=</c> is the starting point a page was rendered at.
/// </summary>
internal static class LiveEventsEndpoint
{
    private const int ReplayLimit = 500;

    public static IEndpointRouteBuilder MapLiveEvents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/events", Stream)
            .RequireAuthorization()
            .WithTags("Live updates")
            .WithSummary("The user's changes as text/event-stream: event 'change' with {change: mail|read|fetch|account, accountId}; 'ready' when connected; 'ping' keeps proxies open.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    private static ServerSentEventsResult<LiveChange> Stream(
        ClaimsPrincipal user,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
        long? after,
        LiveEventHub hub,
        IDbContextFactory<MailroomDbContext> databases,
        IOptionsMonitor<LiveOptions> options,
        TimeProvider time,
        IHostApplicationLifetime lifetime,
        CancellationToken cancellationToken)
    {
        // The browser's own Last-Event-ID wins over the page's starting point: it is newer.
        long? resumeAfter = long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : after;
        var stream = new LiveStream(user.GetUserId(), hub, databases, options.CurrentValue, time);
        return TypedResults.ServerSentEvents(stream.ReadAsync(resumeAfter, cancellationToken, lifetime.ApplicationStopping));
    }

    private sealed class LiveStream(string userId, LiveEventHub hub, IDbContextFactory<MailroomDbContext> databases, LiveOptions options, TimeProvider time)
    {
        public async IAsyncEnumerable<SseItem<LiveChange>> ReadAsync(
            long? resumeAfter, [EnumeratorCancellation] CancellationToken cancellationToken, CancellationToken appStopping)
        {
            // A stopping node ends its streams at once; the browsers reconnect to whichever node is up.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, appStopping);
            using var subscription = hub.Subscribe(userId, resumeAfter);
            yield return new SseItem<LiveChange>(LiveChange.Ready, "ready") { ReconnectionInterval = options.ReconnectDelay };

            var replayed = new HashSet<long>();
            if (resumeAfter is { } from)
            {
                // Subscribed first, then read: an event is in the replay, the queue or both, never neither.
                foreach (var missed in await MissedAsync(from, stop.Token))
                {
                    replayed.Add(missed.Id);
                    yield return Item(missed);
                }
            }

            while (await WaitAsync(subscription.Reader, stop.Token) is var wait && wait != Wait.Stopped)
            {
                if (wait == Wait.Idle)
                {
                    yield return new SseItem<LiveChange>(LiveChange.Ready, "ping");
                    continue;
                }

                while (subscription.Reader.TryRead(out var change))
                {
                    // A poller that woke for another stream may start further back than this one's own replay.
                    if (change.Id > (resumeAfter ?? 0) && !replayed.Remove(change.Id))
                    {
                        yield return Item(change);
                    }
                }
            }
        }

        private async Task<List<MailboxEvent>> MissedAsync(long after, CancellationToken cancellationToken)
        {
            try
            {
                await using var db = await databases.CreateDbContextAsync(cancellationToken);
                return await db.MailboxEvents.AsNoTracking()
                    .Where(e => e.UserId == userId && e.Id > after)
                    .OrderBy(e => e.Id)
                    .Take(ReplayLimit)
                    .ToListAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return [];
            }
        }

        private async Task<Wait> WaitAsync(System.Threading.Channels.ChannelReader<MailboxEvent> reader, CancellationToken stop)
        {
            using var idle = new CancellationTokenSource(options.HeartbeatInterval, time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(stop, idle.Token);
            try
            {
                return await reader.WaitToReadAsync(either.Token) ? Wait.Ready : Wait.Stopped;
            }
            catch (OperationCanceledException)
            {
                return stop.IsCancellationRequested ? Wait.Stopped : Wait.Idle;
            }
        }

        private static SseItem<LiveChange> Item(MailboxEvent change) =>
            new(LiveChange.From(change), "change") { EventId = change.Id.ToString(CultureInfo.InvariantCulture) };
    }

    private enum Wait
    {
        Ready,
        Idle,
        Stopped,
    }
}

/// <summary>What an event tells a page: which kind of thing changed, for which account (null: across accounts).</summary>
internal sealed record LiveChange(string Change, Guid? AccountId)
{
    public static LiveChange Ready { get; } = new("ready", null);

    public static LiveChange From(MailboxEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new LiveChange(change.Change.ToString().ToLowerInvariant(), change.AccountId);
    }
}
