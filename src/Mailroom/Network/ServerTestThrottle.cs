using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Mailroom.Network;

/// <summary>Budgets for Test Account and SMTP tests (<c>Mailroom:RateLimits</c>), so Mailroom cannot be used to guess a mailbox's password.</summary>
internal sealed class ServerTestLimits
{
    public const string SectionName = "Mailroom:RateLimits";

    /// <summary>Tests (POP3 and SMTP) one user may run per 10 minutes.</summary>
    [Range(1, 100_000)]
    public int ServerTestsPerUserPer10Minutes { get; set; } = 20;

    /// <summary>Tests against one server (host and port) from all users together per 10 minutes.</summary>
    [Range(1, 100_000)]
    public int ServerTestsPerTargetPer10Minutes { get; set; } = 10;
}

/// <summary>
/// Counts each test that would sign in to a user-entered server against the user's budget and the target's, so neither
/// one account nor many can turn Mailroom into a password-guessing proxy for a mailbox.
/// </summary>
internal sealed class ServerTestThrottle : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private readonly PartitionedRateLimiter<string> _limiter;

    public ServerTestThrottle(IOptions<ServerTestLimits> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = key.StartsWith("user|", StringComparison.Ordinal) ? limits.ServerTestsPerUserPer10Minutes : limits.ServerTestsPerTargetPer10Minutes,
            Window = Window,
            SegmentsPerWindow = 10,
            QueueLimit = 0,
        }));
    }

    public const string Message = "Mailroom has tried this too often in the last few minutes. Wait 10 minutes, then test again.";

    /// <summary>True if one more test may run; the target is counted only when the user still has budget.</summary>
    public bool TryAcquire(string ownerId, string host, int port)
    {
        using var user = _limiter.AttemptAcquire("user|" + ownerId);
        if (!user.IsAcquired)
        {
            return false;
        }

        using var target = _limiter.AttemptAcquire($"target|{host.ToLowerInvariant()}:{port}");
        return target.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
