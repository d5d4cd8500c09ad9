using Mailroom.Network;

namespace Mailroom.Fetching;

/// <summary>
/// The scheduling, lease and progress row of one account. It lives in the database because it is the only state
/// the nodes share: whichever node holds an unexpired lease is the one fetching, and any node can read progress.
/// </summary>
internal sealed class AccountFetchState
{
    public Guid AccountId { get; init; }

    /// <summary>The account is due once this instant has passed.</summary>
    public DateTimeOffset NextFetchAt { get; set; }

    /// <summary>Set by "Fetch now"; a request that arrives while a fetch runs makes the account due again at once when it ends.</summary>
    public DateTimeOffset? FetchRequestedAt { get; set; }

    /// <summary>Identifies one claim; renewals and the release only touch the row while this token is still in it.</summary>
    public Guid? LeaseToken { get; set; }

    /// <summary>The node that holds the lease, for operators and for the run history.</summary>
    public string? LeaseHolder { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>Failures since the last successful fetch; drives the exponential backoff.</summary>
    public int ConsecutiveFailures { get; set; }

    public MailFailureKind? LastFailureKind { get; set; }

    public string? LastFailureMessage { get; set; }

    /// <summary>The last successful sign-in, the instant LOGIN-DELAY counts from.</summary>
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>The server's LOGIN-DELAY (RFC 2449 §6.8): Mailroom never signs in more often than this.</summary>
    public TimeSpan? ServerLoginDelay { get; set; }

    /// <summary>LastSignInAt + ServerLoginDelay, kept as one instant so "Fetch now" can honour it in a single statement.</summary>
    public DateTimeOffset? SignInAllowedAt { get; set; }

    /// <summary>Set while a fetch runs; null when idle.</summary>
    public DateTimeOffset? RunStartedAt { get; set; }

    public int MessagesDone { get; set; }

    public int MessagesTotal { get; set; }

    public long BytesDone { get; set; }

    public long BytesTotal { get; set; }

    public DateTimeOffset? ProgressUpdatedAt { get; set; }
}
