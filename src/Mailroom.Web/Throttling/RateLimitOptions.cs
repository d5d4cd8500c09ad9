using System.ComponentModel.DataAnnotations;

namespace Mailroom.Web.Throttling;

/// <summary>
/// Request budgets (<c>Mailroom:RateLimits</c>), counted per client address (behind a trusted proxy, the forwarded one)
/// or per signed-in user, on each node. Past a budget a request gets 429 with Retry-After.
/// </summary>
internal sealed class RateLimitOptions
{
    public const string SectionName = "Mailroom:RateLimits";

    /// <summary>Sign-in attempts (page and API) per client address per minute.</summary>
    [Range(1, 100_000)]
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>New users (page and API) per client address per hour.</summary>
    [Range(1, 100_000)]
    public int SignUpsPerHour { get; set; } = 10;

    /// <summary>Messages sent per user per hour.</summary>
    [Range(1, 100_000)]
    public int SendsPerHour { get; set; } = 100;

    /// <summary>Verification codes re-sent per user per hour (each address has its own daily limit too).</summary>
    [Range(1, 100_000)]
    public int ResendsPerHour { get; set; } = 20;

    /// <summary>API requests per user (or, signed out, per client address) per minute.</summary>
    [Range(1, 1_000_000)]
    public int ApiRequestsPerMinute { get; set; } = 600;
}
