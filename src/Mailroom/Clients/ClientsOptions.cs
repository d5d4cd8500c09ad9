using System.ComponentModel.DataAnnotations;

namespace Mailroom.Clients;

/// <summary>Background re-filing of a client's mail (<c>Mailroom:Clients</c>).</summary>
internal sealed class ClientsOptions
{
    public const string SectionName = "Mailroom:Clients";

    /// <summary>How often a node looks for clients whose mail must be filed again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan RefilingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a node's claim on one re-filing lives without renewal; a dead node's work is taken over after it.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan RefilingLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Messages read per step; progress and the lease are written after each.</summary>
    [Range(10, 10_000)]
    public int RefilingBatchSize { get; set; } = 500;
}
