using Mailroom.Network;

namespace Mailroom.Fetching;

/// <summary>One fetch of one account, kept as history for the account's page and as proof of who fetched when.</summary>
internal sealed class FetchRun
{
    public long Id { get; init; }

    public Guid AccountId { get; init; }

    /// <summary>The node that ran it.</summary>
    public required string Node { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; set; }

    public FetchOutcome Outcome { get; set; }

    public int NewMessages { get; set; }

    public long NewBytes { get; set; }

    /// <summary>Messages left on the server because of the size limit; the ledger holds each reason.</summary>
    public int SkippedMessages { get; set; }

    public int DeletedFromServer { get; set; }

    public MailFailureKind? FailureKind { get; set; }

    public string? FailureMessage { get; set; }

    public TimeSpan? Duration => FinishedAt - StartedAt;
}

internal enum FetchOutcome
{
    Running = 0,
    Succeeded = 1,
    Failed = 2,

    /// <summary>The node shut down or lost its lease; not a failure of the account.</summary>
    Cancelled = 3,

    /// <summary>The node died mid-run; found and closed by the next node that claimed the account.</summary>
    Interrupted = 4,
}
