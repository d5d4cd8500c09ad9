using System.ComponentModel.DataAnnotations;

namespace Mailroom.Search;

/// <summary>Mailroom:Search.</summary>
internal sealed class SearchOptions
{
    public const string SectionName = "Mailroom:Search";

    /// <summary>Index the mail stored before search existed, in the background, on this node.</summary>
    public bool BackfillEnabled { get; set; } = true;

    [Range(1, 10_000)]
    public int BackfillBatchMessages { get; set; } = 200;

    [Range(1, long.MaxValue)]
    public long BackfillBatchBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>How long the back-fill waits after a failed batch before it tries again.</summary>
    public TimeSpan BackfillRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
