using System.ComponentModel.DataAnnotations;

namespace Mailroom.Network;

/// <summary>How Mailroom may reach mail servers that users type in (<c>Mailroom:Network</c>).</summary>
internal sealed class NetworkOptions
{
    public const string SectionName = "Mailroom:Network";

    /// <summary>Allow servers on private, loopback, link-local and other internal addresses. Off: a user must never reach the internal network through Mailroom.</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Allow signing in without TLS when a server offers no STLS/STARTTLS. Off: passwords never cross the network in clear.</summary>
    public bool AllowPlaintext { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long one protocol command may wait for the server's answer.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
