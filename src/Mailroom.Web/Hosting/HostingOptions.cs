using System.ComponentModel.DataAnnotations;

namespace Mailroom.Web.Hosting;

/// <summary>Bound from <c>Mailroom:Hosting</c>.</summary>
public sealed class HostingOptions
{
    public const string SectionName = "Mailroom:Hosting";

    /// <summary>How long a stopping node lets requests and background work (a fetch batch) finish before it exits.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
