using System.ComponentModel.DataAnnotations;

namespace Mailroom.Fetching;

/// <summary>Background retrieval (<c>Mailroom:Fetching</c>).</summary>
internal sealed class FetchingOptions
{
    public const string SectionName = "Mailroom:Fetching";

    /// <summary>Run the scheduler on this node. Off: the node serves pages only.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long after a successful fetch an account is fetched again (never less than the server's LOGIN-DELAY).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Longest wait between two claim rounds when nothing wakes the scheduler sooner (each wait is jittered to 50-100 %
    /// of this): how late a newly due account can start, and how soon another node notices a "Fetch now".
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan ClaimInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Accounts this node fetches at the same time. Fetching waits on the network, not the CPU, so tens are normal.</summary>
    [Range(1, 1024)]
    public int MaxParallelFetches { get; set; } = 32;

    /// <summary>Extra slots only "Fetch now" and new accounts may use, so they start at once even when every regular slot is busy.</summary>
    [Range(0, 256)]
    public int FetchNowSlots { get; set; } = 8;

    /// <summary>Sessions this node opens to one server host at a time.</summary>
    [Range(1, 1024)]
    public int MaxSessionsPerHost { get; set; } = 4;

    /// <summary>After a host refuses or drops a connection, this node opens no session to it for this long; it doubles with each further failure.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan HostBackoffInitial { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest a host is left alone after repeated connection failures.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan HostBackoffMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Bytes of downloaded messages all of this node's running fetches may hold in memory together.</summary>
    [Range(1024 * 1024, long.MaxValue)]
    public long MemoryBudget { get; set; } = 128L * 1024 * 1024;

    /// <summary>A lease not renewed for this long is free again: how long a dead node's accounts wait before another node takes them.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a running fetch writes its progress and renews its lease (the page promises at least every 2 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:02")]
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages larger than this stay on the server, with a note in the history.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxMessageSize { get; set; } = 50L * 1024 * 1024;

    /// <summary>At most this many messages are downloaded and committed together.</summary>
    [Range(1, 10_000)]
    public int BatchMaxMessages { get; set; } = 100;

    /// <summary>At most this many bytes per batch (a single larger message is a batch of its own); bounds memory.</summary>
    [Range(64 * 1024, 1024L * 1024 * 1024)]
    public long BatchMaxBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>The wait after the first connection or temporary failure; it doubles with each further failure.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan BackoffInitial { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait between retries after failures.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often each node reads the whole schedule (due, fetching, lagging) for its metrics.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan OverviewInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Runs kept per account for the history.</summary>
    [Range(1, 10_000)]
    public int HistoryLength { get; set; } = 50;

    /// <summary>This node's name in leases and history; empty means machine name and process id.</summary>
    public string NodeName { get; set; } = "";
}
