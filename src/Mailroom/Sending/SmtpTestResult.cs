using System.Security.Authentication;
using Mailroom.Network;

namespace Mailroom.Sending;

/// <summary>What Test learned about an SMTP server: either how it answered, or the failure that stopped the test.</summary>
internal sealed record SmtpTestResult(MailFailure? Failure, bool SignedIn, SslProtocols TlsProtocol, long? MaxMessageSize)
{
    public bool Succeeded => Failure is null;

    /// <summary>The same wording as the POP3 test report, e.g. "TLS 1.3".</summary>
    public string TlsVersion => TlsProtocol switch
    {
        SslProtocols.Tls13 => "TLS 1.3",
        SslProtocols.Tls12 => "TLS 1.2",
        SslProtocols.None => "no encryption (plain text, allowed by the administrator)",
        _ => TlsProtocol.ToString(),
    };

    public static SmtpTestResult Failed(MailFailure failure) => new(failure ?? throw new ArgumentNullException(nameof(failure)), false, SslProtocols.None, null);
}
