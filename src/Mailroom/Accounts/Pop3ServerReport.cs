using System.Security.Authentication;

namespace Mailroom.Accounts;

/// <summary>
/// What a successful Test Account learned about the server (RFC 2449 capabilities, STAT). TlsProtocol is None only
/// when the administrator allows plaintext and the server offers no STLS. LoginDelay is RFC 2449 LOGIN-DELAY, the
/// least time between two sign-ins; ExpireDays is RFC 2449 EXPIRE, the days the server keeps retrieved messages
/// (null when it does not say, -1 for never).
/// </summary>
internal sealed record Pop3ServerReport(
    SslProtocols TlsProtocol,
    IReadOnlyList<string> Capabilities,
    bool SupportsUidl,
    bool SupportsPipelining,
    TimeSpan? LoginDelay,
    int? ExpireDays,
    int MessageCount,
    long TotalSize)
{
    public string TlsVersion => TlsProtocol switch
    {
        SslProtocols.Tls13 => "TLS 1.3",
        SslProtocols.Tls12 => "TLS 1.2",
        SslProtocols.None => "none (plain text, allowed by the administrator)",
        _ => TlsProtocol.ToString(),
    };
}
