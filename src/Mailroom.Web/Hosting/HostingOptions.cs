using System.ComponentModel.DataAnnotations;

namespace Mailroom.Web.Hosting;

/// <summary>Bound from <c>Mailroom:Hosting</c>.</summary>
internal sealed class HostingOptions
{
    public const string SectionName = "Mailroom:Hosting";

    /// <summary>How long a stopping node lets requests and background work (a fetch batch) finish before it exits.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Addresses or networks (CIDR) of load balancers whose X-Forwarded-For/-Proto headers are believed, so that a
    /// node behind a TLS-terminating proxy knows the request was HTTPS (secure cookies) and who the client was.
    /// Empty: forwarded headers are ignored, since anyone could send them.
    /// </summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>
    /// Mailroom's public address, e.g. https://mail.example.com: the only base of links in mail (verification, password
    /// reset) and, unless AllowedHosts is set, the only Host a request may name. Never taken from a request.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary><see cref="PublicBaseUrl"/> as an absolute http(s) address without a trailing slash, or null when unusable.</summary>
    public Uri? PublicOrigin =>
        Uri.TryCreate(PublicBaseUrl?.Trim().TrimEnd('/'), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0
            ? uri
            : null;
}
