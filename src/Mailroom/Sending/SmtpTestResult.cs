using System.Security.Authentication;
using Mailroom.Network;

namespace Mailroom.Sending;

/// <summary>What Test learned about an SMTP server: either how it answered, or the failure that stopped the test.</summary>
public sealed record SmtpTestResult(MailFailure? Failure, bool SignedIn, SslProtocols TlsProtocol, long? MaxMessageSize)
{
    public bool Succeeded => Failure is null;

    public static SmtpTestResult Failed(MailFailure failure) => new(failure ?? throw new ArgumentNullException(nameof(failure)), false, SslProtocols.None, null);
}
