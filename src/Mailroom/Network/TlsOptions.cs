namespace Mailroom.Network;

/// <summary>Certificate trust (<c>Mailroom:Tls</c>).</summary>
internal sealed class TlsOptions
{
    public const string SectionName = "Mailroom:Tls";

    /// <summary>PEM files of extra root certificates to trust besides the system store, e.g. a company CA.</summary>
    public IList<string> TrustedRootCertificates { get; } = [];

    /// <summary>Ask CRL/OCSP responders whether a certificate was revoked; needs outbound access to them.</summary>
    public bool CheckCertificateRevocation { get; set; }
}
