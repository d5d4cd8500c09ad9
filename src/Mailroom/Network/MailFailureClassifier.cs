using System.Net.Sockets;
using MailKit;
using MailKit.Net.Pop3;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Mailroom.Network;

/// <summary>The one place where exceptions from sockets, TLS and MailKit become <see cref="MailFailure"/>s.</summary>
internal static partial class MailFailureClassifier
{
    public static MailFailure Classify(Exception exception, ConnectionDiagnostics? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var serverLine = diagnostics?.LastServerLine ?? "";
        return exception switch
        {
            MailFailureException known => known.Failure,
            OperationCanceledException => new(MailFailureKind.Cancelled, MailFailureReason.Shutdown, "The check was cancelled."),
            SslHandshakeException when diagnostics?.CertificateProblem is { } problem => Certificate(problem),
            SslHandshakeException => new(MailFailureKind.Connection, MailFailureReason.TlsHandshake,
                "A secure (TLS) connection could not be set up. The server may not speak TLS on this port."),
            AuthenticationException => FromResponseCode(ResponseCode(serverLine) ?? ResponseCode(exception.Message)),
            SmtpCommandException smtp => FromSmtpCommand(smtp),
            Pop3CommandException pop3 => FromResponseCode(ResponseCode(pop3.StatusText) ?? ResponseCode(serverLine), isCommandError: true),
            NotSupportedException when Mentions(exception, "STLS", "STARTTLS") => new(MailFailureKind.Insecure, MailFailureReason.NoStartTls,
                "The server does not offer an encrypted connection (STLS/STARTTLS), so the password would cross the network unencrypted."),
            NotSupportedException when Mentions(exception, "UIDL") => NoUidl(),
            NotSupportedException when Mentions(exception, "authentication") => new(MailFailureKind.Authentication, MailFailureReason.AuthenticationNotOffered,
                "The server does not offer sign-in on this connection."),
            SocketException socket => FromSocket(socket),
            TimeoutException => new(MailFailureKind.Connection, MailFailureReason.TimedOut, "The server did not answer in time."),
            IOException { InnerException: SocketException socket } => FromSocket(socket),
            IOException => new(MailFailureKind.Connection, MailFailureReason.ConnectionLost, "The connection to the server was lost."),
            ServiceNotConnectedException => new(MailFailureKind.Connection, MailFailureReason.ConnectionLost, "The connection to the server was lost."),
            ProtocolException => new(MailFailureKind.Protocol, MailFailureReason.UnexpectedResponse, "The server answered in a way Mailroom does not understand."),
            _ => new(MailFailureKind.Protocol, MailFailureReason.UnexpectedResponse, "Something unexpected went wrong while talking to the server."),
        };
    }

    public static MailFailure HostNotFound(string host) =>
        new(MailFailureKind.Connection, MailFailureReason.HostNotFound, $"The server name {host} could not be found.");

    public static MailFailure NoUidl() =>
        new(MailFailureKind.Protocol, MailFailureReason.NoUidl,
            "The server cannot identify messages between sessions (no UIDL), so Mailroom could not avoid downloading them twice.");

    public static MailFailure Certificate(CertificateProblem problem) => problem switch
    {
        CertificateProblem.SelfSigned => new(MailFailureKind.Certificate, MailFailureReason.SelfSigned, "The server's certificate is self-signed, so its identity cannot be verified."),
        CertificateProblem.UntrustedAuthority => new(MailFailureKind.Certificate, MailFailureReason.UntrustedAuthority, "The server's certificate was issued by an authority that is not trusted."),
        CertificateProblem.Expired => new(MailFailureKind.Certificate, MailFailureReason.Expired, "The server's certificate has expired."),
        CertificateProblem.NotYetValid => new(MailFailureKind.Certificate, MailFailureReason.NotYetValid, "The server's certificate is not valid yet."),
        CertificateProblem.NameMismatch => new(MailFailureKind.Certificate, MailFailureReason.NameMismatch, "The server's certificate was issued for a different server name."),
        CertificateProblem.Revoked => new(MailFailureKind.Certificate, MailFailureReason.Revoked, "The server's certificate has been revoked."),
        _ => new(MailFailureKind.Certificate, MailFailureReason.InvalidCertificate, "The server's certificate is not valid."),
    };

    /// <summary>The RFC 3206 / RFC 2449 response code in a POP3 reply, e.g. "-ERR [IN-USE] locked" gives "IN-USE".</summary>
    internal static string? ResponseCode(string? reply)
    {
        if (string.IsNullOrEmpty(reply))
        {
            return null;
        }

        var open = reply.IndexOf('[', StringComparison.Ordinal);
        var close = open < 0 ? -1 : reply.IndexOf(']', open + 1);
        return close > open + 1 ? reply[(open + 1)..close].Trim().ToUpperInvariant() : null;
    }

    private static MailFailure FromResponseCode(string? code, bool isCommandError = false) => code switch
    {
        "IN-USE" => new(MailFailureKind.MailboxInUse, MailFailureReason.InUse, "The mailbox is in use by another program (another mail client may be downloading it). Try again in a few minutes."),
        "SYS/TEMP" => new(MailFailureKind.TemporaryServerError, MailFailureReason.SysTemp, "The mail server has a temporary problem. Try again later."),
        "SYS/PERM" => new(MailFailureKind.Authentication, MailFailureReason.SysPerm, "The mail server refused access because of a problem on its side that will not go away by itself."),
        "LOGIN-DELAY" => new(MailFailureKind.TemporaryServerError, MailFailureReason.LoginDelay, "The server asks to wait longer between sign-ins. Try again later."),
        _ when isCommandError && code is null => new(MailFailureKind.Protocol, MailFailureReason.UnexpectedResponse, "The server refused a command."),
        _ => new(MailFailureKind.Authentication, MailFailureReason.Credentials, "The server did not accept the user name and password."),
    };

    private static MailFailure FromSocket(SocketException socket) => socket.SocketErrorCode switch
    {
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain =>
            new(MailFailureKind.Connection, MailFailureReason.HostNotFound, "The server name could not be found."),
        SocketError.ConnectionRefused => new(MailFailureKind.Connection, MailFailureReason.Refused, "The server refused the connection on this port."),
        SocketError.TimedOut => new(MailFailureKind.Connection, MailFailureReason.TimedOut, "The server did not answer in time."),
        SocketError.NetworkUnreachable or SocketError.HostUnreachable =>
            new(MailFailureKind.Connection, MailFailureReason.Unreachable, "The server cannot be reached from here."),
        _ => new(MailFailureKind.Connection, MailFailureReason.ConnectionLost, "The connection to the server failed."),
    };

    private static bool Mentions(Exception exception, params string[] words) =>
        words.Any(word => exception.Message.Contains(word, StringComparison.OrdinalIgnoreCase));
}
