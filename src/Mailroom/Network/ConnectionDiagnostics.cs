using System.Text;
using MailKit;

namespace Mailroom.Network;

/// <summary>
/// What one connection learned that exceptions do not carry: why a certificate was refused, and the server's
/// last reply line (MailKit drops the RFC 3206 response code, e.g. [IN-USE], from its AuthenticationException).
/// Only server output is kept; nothing the client sends (passwords) is ever recorded.
/// </summary>
internal sealed class ConnectionDiagnostics : IProtocolLogger
{
    private const int TailSize = 1024;
    private readonly byte[] _tail = new byte[TailSize];
    private int _tailLength;

    public CertificateProblem? CertificateProblem { get; set; }

    /// <summary>Stop watching replies once signed in: message downloads need not pass through here.</summary>
    public bool Recording { get; set; } = true;

    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    /// <summary>The last complete line the server sent, e.g. "-ERR [IN-USE] Mailbox is locked".</summary>
    public string LastServerLine
    {
        get
        {
            var text = Encoding.Latin1.GetString(_tail, 0, _tailLength).TrimEnd('\r', '\n');
            var lastBreak = text.LastIndexOf('\n');
            return (lastBreak < 0 ? text : text[(lastBreak + 1)..]).Trim();
        }
    }

    public void LogConnect(Uri uri)
    {
    }

    public void LogClient(byte[] buffer, int offset, int count)
    {
    }

    public void LogServer(byte[] buffer, int offset, int count)
    {
        if (!Recording || count <= 0)
        {
            return;
        }

        if (count >= TailSize)
        {
            Array.Copy(buffer, offset + count - TailSize, _tail, 0, TailSize);
            _tailLength = TailSize;
            return;
        }

        var keep = Math.Min(_tailLength, TailSize - count);
        Array.Copy(_tail, _tailLength - keep, _tail, 0, keep);
        Array.Copy(buffer, offset, _tail, keep, count);
        _tailLength = keep + count;
    }

    public void Dispose()
    {
    }
}
