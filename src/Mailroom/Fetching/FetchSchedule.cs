using Mailroom.Network;

namespace Mailroom.Fetching;

/// <summary>When an account is due next: the poll interval after success, exponential capped backoff after temporary failures, and never sooner than the server's LOGIN-DELAY.</summary>
internal static class FetchSchedule
{
    public static DateTimeOffset AfterSuccess(DateTimeOffset signedInAt, DateTimeOffset now, FetchingOptions options, TimeSpan? loginDelay)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Latest(now + options.PollInterval, signedInAt + (loginDelay ?? TimeSpan.Zero));
    }

    public static DateTimeOffset AfterFailure(
        MailFailure failure, int consecutiveFailures, DateTimeOffset? signedInAt, DateTimeOffset now, FetchingOptions options, TimeSpan? loginDelay)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(options);

        // Credentials, certificates and policy refusals do not heal by retrying sooner: back to the normal rhythm
        // (repeated credential rejections disable the account through account health).
        var wait = failure.IsTemporary ? Backoff(consecutiveFailures, options.BackoffInitial, options.BackoffMax) : options.PollInterval;
        var earliest = signedInAt is { } at ? at + (loginDelay ?? TimeSpan.Zero) : now;
        if (failure.Reason == MailFailureReason.LoginDelay)
        {
            earliest = Latest(earliest, now + (loginDelay ?? options.PollInterval));
        }

        return Latest(now + wait, earliest);
    }

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
