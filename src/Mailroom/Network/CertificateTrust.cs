using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Mailroom.Network;

/// <summary>
/// Verifies server certificates against the system store plus the administrator's extra roots, and records
/// why a certificate was refused. Self-signed certificates are never accepted.
/// </summary>
internal sealed class CertificateTrust : IDisposable
{
    private readonly X509Certificate2Collection _extraRoots = [];
    private readonly bool _checkRevocation;

    public CertificateTrust(IOptions<TlsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var path in options.Value.TrustedRootCertificates)
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"Mailroom:Tls:TrustedRootCertificates names '{path}', which does not exist.");
            }

            _extraRoots.ImportFromPemFile(path);
        }

        _checkRevocation = options.Value.CheckCertificateRevocation;
    }

    public bool CheckRevocation => _checkRevocation;

    public RemoteCertificateValidationCallback CreateCallback(ConnectionDiagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        return (_, certificate, chain, errors) =>
        {
            diagnostics.CertificateProblem = Evaluate(certificate, chain, errors);
            return diagnostics.CertificateProblem is null;
        };
    }

    public void Dispose()
    {
        foreach (var root in _extraRoots)
        {
            root.Dispose();
        }
    }

    private CertificateProblem? Evaluate(X509Certificate? presented, X509Chain? systemChain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return null;
        }

        if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return CertificateProblem.Invalid;
        }

        using var certificate = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var chainProblem = EvaluateChain(certificate, systemChain);
            if (chainProblem is not null)
            {
                return chainProblem;
            }
        }

        return errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) ? CertificateProblem.NameMismatch : null;
    }

    private CertificateProblem? EvaluateChain(X509Certificate2 certificate, X509Chain? systemChain)
    {
        if (_extraRoots.Count == 0)
        {
            return Classify(certificate, systemChain?.ChainStatus ?? [], VerifiedAt(systemChain));
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_extraRoots);
        chain.ChainPolicy.RevocationMode = _checkRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;
        if (systemChain is not null)
        {
            // Intermediates the server sent along.
            foreach (var element in systemChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (chain.Build(certificate))
        {
            return null;
        }

        // The chain reached an administrator's root but is still bad (e.g. an expired certificate from the company CA):
        // that is the problem to name. Mixing in the system store's verdict would call it "untrusted" instead.
        if (!chain.ChainStatus.Any(s => (s.Status & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0))
        {
            return Classify(certificate, chain.ChainStatus, VerifiedAt(chain));
        }

        // Not under an extra root: the system store may still trust it (a public certificate on a server with a company CA configured).
        var systemStatus = systemChain?.ChainStatus ?? [];
        var underSystemTrust = systemStatus.All(s => s.Status == X509ChainStatusFlags.NoError);
        return underSystemTrust ? null : Classify(certificate, [.. chain.ChainStatus, .. systemStatus], VerifiedAt(chain));
    }

    /// <summary>The instant the chain judged validity at: "not yet valid" versus "expired" must be read against the same clock.</summary>
    private static DateTime VerifiedAt(X509Chain? chain) => (chain?.ChainPolicy.VerificationTime ?? DateTime.MinValue).ToUniversalTime();

    private static CertificateProblem Classify(X509Certificate2 certificate, IEnumerable<X509ChainStatus> statuses, DateTime verifiedAt)
    {
        var flags = statuses.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        var untrusted = (flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0;
        if (untrusted && certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
        {
            return CertificateProblem.SelfSigned;
        }

        if (untrusted)
        {
            return CertificateProblem.UntrustedAuthority;
        }

        if (flags.HasFlag(X509ChainStatusFlags.Revoked))
        {
            return CertificateProblem.Revoked;
        }

        if (flags.HasFlag(X509ChainStatusFlags.NotTimeValid))
        {
            return certificate.NotBefore.ToUniversalTime() > verifiedAt ? CertificateProblem.NotYetValid : CertificateProblem.Expired;
        }

        return CertificateProblem.Invalid;
    }
}
