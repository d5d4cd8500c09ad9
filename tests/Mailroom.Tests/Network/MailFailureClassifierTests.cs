using System.Net.Sockets;
using System.Text;
using Mailroom.Network;
using MailKit.Security;

namespace Mailroom.Tests.Network;

public sealed class MailFailureClassifierTests
{
    [Theory]
    [InlineData("-ERR [AUTH] Authentication failed.", nameof(MailFailureKind.Authentication), nameof(MailFailureReason.Credentials))]
    [InlineData("-ERR Authentication failed.", nameof(MailFailureKind.Authentication), nameof(MailFailureReason.Credentials))]
    [InlineData("-ERR [IN-USE] Mailbox is locked by another POP3 session", nameof(MailFailureKind.MailboxInUse), nameof(MailFailureReason.InUse))]
    [InlineData("-ERR [SYS/TEMP] Try again later", nameof(MailFailureKind.TemporaryServerError), nameof(MailFailureReason.SysTemp))]
    [InlineData("-ERR [SYS/PERM] Your account is suspended", nameof(MailFailureKind.Authentication), nameof(MailFailureReason.SysPerm))]
    [InlineData("-ERR [LOGIN-DELAY] Wait 5 minutes between logins", nameof(MailFailureKind.TemporaryServerError), nameof(MailFailureReason.LoginDelay))]
    public void Classify_AuthenticationFailure_ReadsTheRfc3206CodeFromTheServersLastLine(string serverLine, string kind, string reason)
    {
        var diagnostics = new ConnectionDiagnostics();
        Log(diagnostics, "+OK Dovecot ready.\r\n");
        Log(diagnostics, serverLine + "\r\n");

        var failure = MailFailureClassifier.Classify(new AuthenticationException(), diagnostics);

        Assert.Equal(kind, failure.Kind.ToString());
        Assert.Equal(reason, failure.Reason.ToString());
    }

    [Fact]
    public void Classify_OnlyCredentialRejections_CountTowardDisabling()
    {
        Assert.True(Failure("-ERR [AUTH] bad").IsCredentialRejection);
        Assert.False(Failure("-ERR [IN-USE] locked").IsCredentialRejection);
        Assert.False(Failure("-ERR [SYS/TEMP] later").IsCredentialRejection);
        Assert.True(Failure("-ERR [IN-USE] locked").IsTemporary);
    }

    [Fact]
    public void Classify_HandshakeWithARefusedCertificate_IsACertificateFailure()
    {
        var diagnostics = new ConnectionDiagnostics { CertificateProblem = CertificateProblem.Expired };

        var failure = MailFailureClassifier.Classify(new SslHandshakeException(), diagnostics);

        Assert.Equal(MailFailureKind.Certificate, failure.Kind);
        Assert.Equal(MailFailureReason.Expired, failure.Reason);
    }

    [Fact]
    public void Classify_HandshakeWithoutACertificateVerdict_IsAConnectionFailure()
    {
        var failure = MailFailureClassifier.Classify(new SslHandshakeException(), new ConnectionDiagnostics());

        Assert.Equal(MailFailureKind.Connection, failure.Kind);
        Assert.Equal(MailFailureReason.TlsHandshake, failure.Reason);
    }

    [Theory]
    [InlineData(SocketError.ConnectionRefused, nameof(MailFailureReason.Refused))]
    [InlineData(SocketError.HostNotFound, nameof(MailFailureReason.HostNotFound))]
    [InlineData(SocketError.TimedOut, nameof(MailFailureReason.TimedOut))]
    [InlineData(SocketError.NetworkUnreachable, nameof(MailFailureReason.Unreachable))]
    public void Classify_SocketErrors_AreConnectionFailures(SocketError error, string reason)
    {
        var failure = MailFailureClassifier.Classify(new SocketException((int)error));

        Assert.Equal(MailFailureKind.Connection, failure.Kind);
        Assert.Equal(reason, failure.Reason.ToString());
    }

    [Fact]
    public void Classify_MissingStls_IsInsecure()
    {
        var failure = MailFailureClassifier.Classify(new NotSupportedException("The POP3 server does not support the STLS extension."));

        Assert.Equal(MailFailureKind.Insecure, failure.Kind);
    }

    [Fact]
    public void Diagnostics_KeepOnlyTheTailOfServerOutput_AndStopWhenToldTo()
    {
        var diagnostics = new ConnectionDiagnostics();
        Log(diagnostics, new string('x', 5000) + "\r\n-ERR [IN-USE] first\r\n");
        Assert.Equal("-ERR [IN-USE] first", diagnostics.LastServerLine);

        diagnostics.Recording = false;
        Log(diagnostics, "+OK later\r\n");
        Assert.Equal("-ERR [IN-USE] first", diagnostics.LastServerLine);
    }

    private static MailFailure Failure(string serverLine)
    {
        var diagnostics = new ConnectionDiagnostics();
        Log(diagnostics, serverLine + "\r\n");
        return MailFailureClassifier.Classify(new AuthenticationException(), diagnostics);
    }

    private static void Log(ConnectionDiagnostics diagnostics, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        diagnostics.LogServer(bytes, 0, bytes.Length);
    }
}
