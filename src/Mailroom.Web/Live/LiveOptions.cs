using System.ComponentModel.DataAnnotations;

namespace Mailroom.Web.Live;

/// <summary>Live updates pushed to open pages (Server-Sent Events), section <c>Mailroom:Live</c>.</summary>
internal sealed class LiveOptions
{
    public const string SectionName = "Mailroom:Live";

    /// <summary>How often this node reads new events from the database (one query per node, whatever the number of open pages).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an idle stream sends a keep-alive, so proxies and load balancers do not close it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long after a higher id an event with a lower id may still become visible (PostgreSQL hands out ids at insert,
    /// transactions commit in any order): events this young are read again so none is skipped.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long events are kept for pages that reconnect (after a restart or a network change) to catch up.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a browser waits before reconnecting a dropped stream.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(2);
}
