using Mailroom.Fetching;

namespace Mailroom.Web.Api.Fetching;

/// <summary>Live fetch state of one account, as the page's progress bar and API clients poll it.</summary>
internal sealed record FetchStatusResponse(
    Guid AccountId,
    bool Fetching,
    DateTimeOffset? StartedAt,
    int MessagesDone,
    int MessagesTotal,
    long BytesDone,
    long BytesTotal,
    int? Percent,
    double? EstimatedSecondsLeft,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset? NextFetchAt,
    string? LastFailureKind,
    string? LastFailureMessage)
{
    public static FetchStatusResponse From(FetchStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        int? percent = status.IsFetching && status.BytesTotal > 0
            ? (int)Math.Clamp(status.BytesDone * 100 / status.BytesTotal, 0, 100)
            : null;
        return new FetchStatusResponse(
            status.AccountId,
            status.IsFetching,
            status.RunStartedAt,
            status.IsFetching ? status.MessagesDone : 0,
            status.IsFetching ? status.MessagesTotal : 0,
            status.IsFetching ? status.BytesDone : 0,
            status.IsFetching ? status.BytesTotal : 0,
            percent,
            status.EstimatedRemaining?.TotalSeconds,
            status.ProgressUpdatedAt,
            status.NextFetchAt,
            status.LastFailureKind?.ToString(),
            status.LastFailureMessage);
    }

    /// <summary>An account the scheduler has not picked up yet (it will within seconds).</summary>
    public static FetchStatusResponse NotScheduled(Guid accountId) =>
        new(accountId, false, null, 0, 0, 0, 0, null, null, null, null, null, null);
}

internal sealed record FetchRunResponse(
    DateTimeOffset StartedAt,
    double? DurationSeconds,
    string Outcome,
    int NewMessages,
    long NewBytes,
    int SkippedMessages,
    int DeletedFromServer,
    string Node,
    string? FailureKind,
    string? FailureMessage)
{
    public static FetchRunResponse From(FetchRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new FetchRunResponse(
            run.StartedAt,
            run.Duration?.TotalSeconds,
            run.Outcome.ToString(),
            run.NewMessages,
            run.NewBytes,
            run.SkippedMessages,
            run.DeletedFromServer,
            run.Node,
            run.FailureKind?.ToString(),
            run.FailureMessage);
    }
}
