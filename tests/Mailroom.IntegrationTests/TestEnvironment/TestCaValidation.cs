using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MailKit;

namespace Mailroom.IntegrationTests.TestEnvironment;

/// <summary>
/// Certificate validation for MailKit clients that trusts ONLY the test CA (the system store is ignored), and
/// records why it refused a certificate, since an SslHandshakeException alone does not say.
/// </summary>
public sealed class TestCaValidation(X509Certificate2 testCa)
{
    /// <summary>What SslStream reported before our own chain check ran.</summary>
    public SslPolicyErrors? PolicyErrors { get; private set; }

    /// <summary>The status flags of our own chain (built against the test CA only).</summary>
    public X509ChainStatusFlags ChainStatus { get; private set; }

    public bool Rejected { get; private set; }

    /// <summary>Installs this validation on <paramref name="client"/> (Pop3Client, SmtpClient, ...).</summary>
    public TestCaValidation ApplyTo(MailService client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.CheckCertificateRevocation = false;
        client.ServerCertificateValidationCallback = Validate;
        return this;
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        PolicyErrors = errors;
        Rejected = !IsTrusted(certificate, errors);
        return !Rejected;
    }

    private bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors)
    {
        // A chain error is expected (the test CA is not in the system store): judge the chain ourselves.
        // Anything else (name mismatch, no certificate) is final.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return false;
        }

        using var own = new X509Chain();
        own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        own.ChainPolicy.CustomTrustStore.Add(testCa);
        own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        var x509 = certificate as X509Certificate2;
        using var loaded = x509 is null ? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()) : null;
        var trusted = own.Build(x509 ?? loaded!);
        ChainStatus = own.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, status) => all | status.Status);
        return trusted;
    }
}
