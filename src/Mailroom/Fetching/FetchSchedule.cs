using Mailroom.Network;

namespace Mailroom.Fetching;

/// <summary>
/// The one place that decides when an account is due next: the poll interval after success, exponential capped
/// backoff after temporary failures, and never sooner than the server's LOGIN-DELAY (RFC 2449 §6.8).
/// </summary>
internal static class FetchSchedule
{
    public static FetchEnd Succeeded(FetchTally tally, DateTimeOffset now, FetchingOptions options)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(options);
        var allowedAt = SignInAllowedAt(tally.SignedInAt ?? now, tally.ServerLoginDelay, now);
        return new FetchEnd(Latest(now + options.PollInterval, allowedAt), allowedAt, 0, null, tally.SignedInAt, tally.ServerLoginDelay);
    }

    public static FetchEnd Failed(FetchTally tally, MailFailure failure, int previousFailures, DateTimeOffset now, FetchingOptions options)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(options);
        var failures = previousFailures + 1;

        // Credentials, certificates and policy refusals do not heal by retrying sooner: back to the normal rhythm
        // (repeated credential rejections disable the account through account health).
        var wait = failure.IsTemporary ? Backoff(failures, options.BackoffInitial, options.BackoffMax) : options.PollInterval;
        var allowedAt = SignInAllowedAt(tally.SignedInAt ?? now, tally.ServerLoginDelay, now);
        if (failure.Reason == MailFailureReason.LoginDelay)
        {
            // Refused for signing in too soon: wait at least the advertised delay, or a whole interval if none was given.
            allowedAt = Latest(allowedAt, now + (tally.ServerLoginDelay ?? options.PollInterval));
        }

        return new FetchEnd(Latest(now + wait, allowedAt), allowedAt, failures, failure, tally.SignedInAt, tally.ServerLoginDelay);
    }

    /// <summary>The earliest instant the server allows the next sign-in: the last one plus LOGIN-DELAY, and not in the past.</summary>
    public static DateTimeOffset SignInAllowedAt(DateTimeOffset signedInAt, TimeSpan? loginDelay, DateTimeOffset now) =>
        Latest(signedInAt + (loginDelay ?? TimeSpan.Zero), now);

    /// <summary>initial × 2^(failures−1), capped at max.</summary>
    public static TimeSpan Backoff(int consecutiveFailures, TimeSpan initial, TimeSpan max)
    {
        if (consecutiveFailures <= 1)
        {
            return initial < max ? initial : max;
        }

        // Doubling past 2^30 overflows long before any sensible cap; the cap wins anyway.
        var factor = Math.Pow(2, Math.Min(consecutiveFailures - 1, 30));
        var ticks = initial.Ticks * factor;
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
