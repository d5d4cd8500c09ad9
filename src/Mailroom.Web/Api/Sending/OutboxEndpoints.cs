using System.Security.Claims;
using Mailroom.Sending.Queue;
using Mailroom.Web.Users;

namespace Mailroom.Web.Api.Sending;

/// <summary>/api/outbox: the user's messages in the send queue (waiting, being sent, failed), one by id, and Undo.</summary>
internal static class OutboxEndpoints
{
    public static RouteGroupBuilder MapOutboxEndpoints(this RouteGroupBuilder api)
    {
        var outbox = api.MapGroup("/outbox").RequireAuthorization().WithTags("Send queue");
        outbox.MapGet("", ListAsync).WithSummary("Messages waiting to be sent, being sent, or failed; soonest first.");
        outbox.MapGet("/{id:guid}", GetAsync).WithSummary("One queued message and its state: waiting, sending, sent, failed or cancelled.");
        outbox.MapPost("/{id:guid}/undo", UndoAsync).WithSummary("Stops a waiting message; 409 once a node has started sending it.");
        return api;
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, SendQueueStore queue, CancellationToken cancellationToken) =>
        Results.Ok((await queue.PendingAsync(user.GetUserId(), cancellationToken)).Select(OutboxItemJson.Of));

    private static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, SendQueueStore queue, CancellationToken cancellationToken) =>
        await queue.FindAsync(user.GetUserId(), id, cancellationToken) is { } queued ? Results.Ok(OutboxItemJson.Of(queued)) : Results.NotFound();

    private static async Task<IResult> UndoAsync(Guid id, ClaimsPrincipal user, SendQueueStore queue, CancellationToken cancellationToken) =>
        await queue.UndoAsync(user.GetUserId(), id, cancellationToken) switch
        {
            UndoOutcome.Undone => Results.Ok(OutboxItemJson.Of((await queue.FindAsync(user.GetUserId(), id, cancellationToken))!)),
            UndoOutcome.TooLate => Results.Problem(
                title: "Too late to undo",
                detail: "Mailroom has already started sending this message.",
                statusCode: StatusCodes.Status409Conflict),
            _ => Results.NotFound(),
        };
}

internal sealed record OutboxFailureJson(string Kind, string Reason, string Title, string Message, string Guidance);

/// <summary>State is "waiting", "sending", "sent", "failed" or "cancelled".</summary>
internal sealed record OutboxItemJson(
    Guid Id,
    string State,
    string MessageId,
    string Subject,
    string Recipients,
    DateTimeOffset DueAt,
    bool IsScheduled,
    DateTimeOffset? SentAt,
    long? SentCopyId,
    string? Notice,
    OutboxFailureJson? Failure)
{
    public static OutboxItemJson Of(QueuedMessage queued)
    {
        ArgumentNullException.ThrowIfNull(queued);
        return new(
            queued.Id,
            queued.State.ToString().ToLowerInvariant(),
            queued.MessageIdHeader,
            queued.Subject,
            queued.Recipients,
            queued.DueAt,
            queued.IsScheduled,
            queued.SentAt,
            queued.SentCopyId,
            queued.Notice,
            queued.State == QueuedMessageState.Failed
                ? new(queued.FailureKind ?? "", queued.FailureReason ?? "", queued.FailureTitle ?? "", queued.FailureMessage ?? "", queued.FailureGuidance ?? "")
                : null);
    }
}
