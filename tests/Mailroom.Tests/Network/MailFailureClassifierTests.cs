using System.Net.Sockets;
using System.Text;
using Mailroom.Network;
using MailKit.Security;

namespace Mailroom.Tests.Network;

public sealed class MailFailureClassifierTests
{
    [Theory]
    [InlineData("-ERR [AUTH] Authentication failed.", MailFailureKind.Authentication, MailFailureReason.Credentials)]
    [InlineData("-ERR Authentication failed.", MailFailureKind.Authentication, MailFailureReason.Credentials)]
    [InlineData("-ERR [IN-USE] Mailbox is locked by another POP3 session", MailFailureKind.MailboxInUse, MailFailureReason.InUse)]
    [InlineData("-ERR [SYS/TEMP] Try again later", MailFailureKind.TemporaryServerError, MailFailureReason.SysTemp)]
    [InlineData("-ERR [SYS/PERM] Your account is suspended", MailFailureKind.Authentication, MailFailureReason.SysPerm)]
    [InlineData("-ERR [LOGIN-DELAY] Wait 5 minutes between logins", MailFailureKind.TemporaryServerError, MailFailureReason.LoginDelay)]
    public void Classify_AuthenticationFailure_ReadsTheRfc3206CodeFromTheServersLastLine(string serverLine, MailFailureKind kind, MailFailureReason reason)
    {
        var diagnostics = new ConnectionDiagnostics();
        Log(diagnostics, "+OK Dovecot ready.\r\n");
        Log(diagnostics, serverLine + "\r\n");

        var failure = MailFailureClassifier.Classify(new AuthenticationException(), diagnostics);

        Assert.Equal(kind, failure.Kind);
        Assert.Equal(reason, failure.Reason);
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
    [InlineData(SocketError.ConnectionRefused, MailFailureReason.Refused)]
    [InlineData(SocketError.HostNotFound, MailFailureReason.HostNotFound)]
    [InlineData(SocketError.TimedOut, MailFailureReason.TimedOut)]
    [InlineData(SocketError.NetworkUnreachable, MailFailureReason.Unreachable)]
    public void Classify_SocketErrors_AreConnectionFailures(SocketError error, MailFailureReason reason)
    {
        var failure = MailFailureClassifier.Classify(new SocketException((int)error));

        Assert.Equal(MailFailureKind.Connection, failure.Kind);
        Assert.Equal(reason, failure.Reason);
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
