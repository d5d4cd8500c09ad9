namespace Mailroom.Data;

/// <summary>
/// How the Data Protection key ring is protected at rest (<c>Mailroom:DataProtection</c>). The ring lives in the
/// database beside the passwords it encrypts; with a certificate configured, someone holding only a copy of the
/// database can no longer decrypt them.
/// </summary>
internal sealed class KeyRingOptions
{
    public const string SectionName = "Mailroom:DataProtection";

    /// <summary>A PFX file whose key encrypts every key in the ring. Unset: keys are stored unencrypted (single-machine default).</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Earlier certificates, still able to decrypt keys written before a rotation.</summary>
    public IList<string> PreviousCertificatePaths { get; } = [];
}
