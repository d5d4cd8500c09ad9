namespace Mailroom.Network;

/// <summary>Why a server certificate was refused, recorded by the validation callback because MailKit's SslHandshakeException alone cannot tell a certificate problem from a broken handshake.</summary>
internal enum CertificateProblem
{
    SelfSigned,
    UntrustedAuthority,
    Expired,
    NotYetValid,
    NameMismatch,
    Revoked,
    Invalid,
}
