using Mailroom.Accounts;
using Mailroom.Network;
using Mailroom.Tests.Network;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailroom.Tests.Accounts;

public sealed class Pop3AccountTesterTests
{
    private const string Greeting = "+OK Scripted POP3 ready";

    private static readonly string[] FullCapabilities = ["+OK Capability list follows", "USER", "UIDL", "PIPELINING", "RESP-CODES", "TOP", "LOGIN-DELAY 900", "EXPIRE 30", "."];

    [Fact]
    public async Task Test_WhenServerAcceptsAndHasUidl_ReportsTlsCapabilitiesAndMailboxSize()
    {
        await using var server = ScriptedPop3Server.Start(Greeting,
            ("CAPA", FullCapabilities),
            ("USER alice", ["+OK"]),
            ("PASS secret", ["+OK Logged in."]),
            ("CAPA", FullCapabilities),
            ("STAT", ["+OK 2 320"]),
            ("STAT", ["+OK 2 320"]),
            ("QUIT", ["+OK Bye"]));

        var result = await Tester(server).TestAsync(Settings(server), CancellationToken.None);

        Assert.True(await server.CompletedAsync());
        Assert.Null(server.Mismatch);
        var report = Assert.IsType<Pop3ServerReport>(result.Report);
        Assert.Equal(2, report.MessageCount);
        Assert.Equal(320, report.TotalSize);
        Assert.True(report.SupportsUidl);
        Assert.True(report.SupportsPipelining);
        Assert.Equal(TimeSpan.FromSeconds(900), report.LoginDelay);
        Assert.Equal(30, report.ExpireDays);
        Assert.Contains("LOGIN-DELAY 900", report.Capabilities);
        Assert.Contains("EXPIRE 30", report.Capabilities);
        Assert.Contains("UIDL", report.Capabilities);
    }

    [Theory]
    [InlineData("-ERR [AUTH] Invalid credentials", nameof(MailFailureKind.Authentication), nameof(MailFailureReason.Credentials), "Authentication failure")]
    [InlineData("-ERR Authentication failed", nameof(MailFailureKind.Authentication), nameof(MailFailureReason.Credentials), "Authentication failure")]
    [InlineData("-ERR [IN-USE] Mailbox is locked by another session", nameof(MailFailureKind.MailboxInUse), nameof(MailFailureReason.InUse), "Mailbox in use")]
    [InlineData("-ERR [SYS/TEMP] Storage unavailable", nameof(MailFailureKind.TemporaryServerError), nameof(MailFailureReason.SysTemp), "Temporary server error")]
    [InlineData("-ERR [SYS/PERM] Account suspended", nameof(MailFailureKind.Authentication), nameof(MailFailureReason.SysPerm), "Authentication failure")]
    [InlineData("-ERR [LOGIN-DELAY] Wait 15 minutes between logins", nameof(MailFailureKind.TemporaryServerError), nameof(MailFailureReason.LoginDelay), "Signing in too often")]
    public async Task Test_WhenServerRefusesThePassword_NamesTheRfc3206CodeAfterExactlyOneAttempt(
        string reply, string kind, string reason, string title)
    {
        await using var server = ScriptedPop3Server.Start(Greeting,
            ("CAPA", FullCapabilities),
            ("USER alice", ["+OK"]),
            ("PASS secret", [reply]));

        var result = await Tester(server).TestAsync(Settings(server), CancellationToken.None);

        Assert.True(await server.CompletedAsync());
        Assert.Null(server.Mismatch);
        var failure = Assert.IsType<MailFailure>(result.Failure);
        Assert.Equal(kind, failure.Kind.ToString());
        Assert.Equal(reason, failure.Reason.ToString());
        Assert.Equal(title, Guidance().Describe(failure).Title);
        Assert.Single(server.Received, line => line.StartsWith("PASS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Test_WhenServerHasNoUidl_RefusesWithTheNoUidlVerdict()
    {
        string[] capabilitiesWithoutUidl = ["+OK", "USER", "TOP", "."];
        await using var server = ScriptedPop3Server.Start(Greeting,
            ("CAPA", capabilitiesWithoutUidl),
            ("USER alice", ["+OK"]),
            ("PASS secret", ["+OK Logged in."]),
            ("CAPA", capabilitiesWithoutUidl),
            ("STAT", ["+OK 2 320"]),
            ("UIDL 1", ["-ERR Unknown command"]),
            ("QUIT", ["+OK Bye"]));

        var result = await Tester(server).TestAsync(Settings(server), CancellationToken.None);

        Assert.True(await server.CompletedAsync());
        Assert.Null(server.Mismatch);
        var failure = Assert.IsType<MailFailure>(result.Failure);
        Assert.Equal(MailFailureReason.NoUidl, failure.Reason);
        var verdict = Guidance().Describe(failure);
        Assert.Equal("No UIDL", verdict.Title);
        Assert.Equal("no-uidl", verdict.Reason);
    }

    [Fact]
    public async Task Test_WhenServerHasNoCapaButAnswersUidl_AcceptsItAfterProbing()
    {
        await using var server = ScriptedPop3Server.Start(Greeting,
            ("CAPA", ["-ERR Unknown command"]),
            ("USER alice", ["+OK"]),
            ("PASS secret", ["+OK Logged in."]),
            ("CAPA", ["-ERR Unknown command"]),
            ("STAT", ["+OK 1 100"]),
            ("UIDL 1", ["+OK 1 uid-0001"]),
            ("STAT", ["+OK 1 100"]),
            ("QUIT", ["+OK Bye"]));

        var result = await Tester(server).TestAsync(Settings(server), CancellationToken.None);

        Assert.True(await server.CompletedAsync());
        Assert.Null(server.Mismatch);
        Assert.True(result.Succeeded);
        Assert.Equal(1, result.Report!.MessageCount);
    }

    private static Pop3AccountTester Tester(ScriptedPop3Server server) =>
        new(TestConnectors.ForScriptedServer(server.Port), NullLogger<Pop3AccountTester>.Instance);

    private static Pop3ConnectionSettings Settings(ScriptedPop3Server server) =>
        new("pop.example.test", server.Port, UseSsl: false, "alice", "secret");

    internal static AccountTestGuidance Guidance(string? supportEmail = null) =>
        new(new StaticOptionsMonitor<SupportOptions>(new SupportOptions { Email = supportEmail }), new StaticOptionsMonitor<Pop3Options>(new Pop3Options()));
}
