using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Mailroom.Web.Users;

/// <summary>
/// Failed sign-ins counted per account <em>and</em> client address: after too many from one address, that address is
/// locked out of that account for a while, and only that address. A stranger who knows the email therefore cannot keep
/// the owner out; the rate limit on sign-in (per address) slows guessing across accounts. Counted per node, in memory.
/// </summary>
internal sealed class SignInLockouts(TimeProvider time, IOptions<UserSecurityOptions> options)
{
    private readonly ConcurrentDictionary<(string Source, string UserId), Entry> _entries = new();

    public DateTimeOffset? LockedUntil(string source, string userId)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue((source, userId), out var entry) && entry.LockedUntil is { } until)
        {
            if (until > now)
            {
                return until;
            }

            _entries.TryRemove(KeyValuePair.Create((source, userId), entry));
        }

        return null;
    }

    /// <summary>Counts a wrong password; returns the end of the lockout it caused, if it caused one.</summary>
    public DateTimeOffset? RecordFailure(string source, string userId)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var entry = _entries.AddOrUpdate((source, userId),
            _ => Next(new Entry(0, null), settings, now),
            (_, current) => Next(current.LockedUntil is { } until && until <= now ? new Entry(0, null) : current, settings, now));
        return entry.LockedUntil;
    }

    public void Reset(string source, string userId) => _entries.TryRemove((source, userId), out _);

    private static Entry Next(Entry current, UserSecurityOptions settings, DateTimeOffset now)
    {
        var failures = current.Failures + 1;
        return failures >= settings.MaxFailedSignInAttempts ? new Entry(0, now + settings.LockoutDuration) : current with { Failures = failures };
    }

    private sealed record Entry(int Failures, DateTimeOffset? LockedUntil);
}
