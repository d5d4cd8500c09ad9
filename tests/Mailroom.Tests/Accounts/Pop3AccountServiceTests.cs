using Mailroom.Accounts;
using Mailroom.Messages;
using Mailroom.Network;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Tests.Accounts;

public sealed class Pop3AccountServiceTests
{
    private static readonly string[] Capabilities = ["+OK", "USER", "UIDL", "PIPELINING", "."];

    [Fact]
    public async Task Create_WithTheTokenOfASuccessfulTestOfTheSameSettings_SavesTheAccountWithAnEncryptedPassword()
    {
        await using var bed = await AccountsTestBed.CreateAsync();
        await using var server = SuccessfulServer("secret");
        var service = bed.Service(server.Port);
        var input = Input(server.Port, "secret");

        var test = await service.TestAsync("owner-1", null, input, CancellationToken.None);
        var saved = await service.CreateAsync("owner-1", input with { Password = null }, test.ApprovalToken, CancellationToken.None);

        Assert.Equal(AccountTestStatus.Succeeded, test.Status);
        Assert.Equal(AccountChangeStatus.Saved, saved.Status);
        var stored = await bed.ReloadAsync(saved.Account!.Id);
        Assert.DoesNotContain("secret", stored.ProtectedPassword, StringComparison.Ordinal);
        Assert.Equal("secret", bed.Passwords.Unprotect(stored.ProtectedPassword));
        Assert.Equal("alice@example.test", stored.UserName);
    }

    [Fact]
    public async Task Create_WhenSettingsDifferFromTheTestedOnes_RequiresANewTest()
    {
        await using var bed = await AccountsTestBed.CreateAsync();
        var tested = Pop3ConnectionSettings.Normalized("pop.example.test", 995, true, "alice@example.test", "secret");
        var token = bed.Approvals.Issue("owner-1", tested);

        var otherPassword = await bed.Service().CreateAsync("owner-1", Input(995, "guessed") with { UseSsl = true }, token, CancellationToken.None);
        var otherPort = await bed.Service().CreateAsync("owner-1", Input(110, "secret") with { UseSsl = true }, token, CancellationToken.None);
        var noToken = await bed.Service().CreateAsync("owner-1", Input(995, "secret") with { UseSsl = true }, null, CancellationToken.None);

        Assert.Equal(AccountChangeStatus.TestRequired, otherPassword.Status);
        Assert.Equal(AccountChangeStatus.TestRequired, otherPort.Status);
        Assert.Equal(AccountChangeStatus.TestRequired, noToken.Status);
        Assert.Empty(await bed.Db.Pop3Accounts.ToListAsync());
    }

    [Fact]
    public async Task Approval_IsWorthlessToAnotherUserAndAfterItsLifetime()
    {
        await using var bed = await AccountsTestBed.CreateAsync();
        var tested = Pop3ConnectionSettings.Normalized("pop.example.test", 995, true, "alice", "secret");
        var token = bed.Approvals.Issue("owner-1", tested);

        Assert.Equal(tested, bed.Approvals.Read("owner-1", token));
        Assert.Null(bed.Approvals.Read("owner-2", token));
        Assert.Null(bed.Approvals.Read("owner-1", token[..^4] + "AAAA"));
        Assert.DoesNotContain("secret", token, StringComparison.Ordinal);

        bed.Time.Advance(bed.Options.TestApprovalLifetime + TimeSpan.FromSeconds(1));
        Assert.Null(bed.Approvals.Read("owner-1", token));
    }

    [Fact]
    public async Task Update_OfDisplayNameAndPolicyOnly_NeedsNoTestAndKeepsThePassword()
    {
        await using var bed = await AccountsTestBed.CreateAsync();
        var account = await bed.AddAccountAsync();

        var result = await bed.Service().UpdateAsync("owner-1", account.Id,
            new Pop3AccountInput("Renamed", "alice@example.test", "POP.example.test", 995, false, "alice", null, RetrievalPolicy.DeleteAfterDays, 14),
            null, CancellationToken.None);

        Assert.Equal(AccountChangeStatus.Saved, result.Status);
        var stored = await bed.ReloadAsync(account.Id);
        Assert.Equal("Renamed", stored.DisplayName);
        Assert.Equal(14, stored.DeleteAfterDays);
        Assert.Equal("secret", bed.Passwords.Unprotect(stored.ProtectedPassword));
    }

    [Fact]
    public async Task Update_OfThePasswordWithoutATest_IsRefused()
    {
        await using var bed = await AccountsTestBed.CreateAsync();
        var account = await bed.AddAccountAsync();

        var result = await bed.Service().UpdateAsync("owner-1", account.Id,
            new Pop3AccountInput("Work", "alice@example.test", "pop.example.test", 995, false, "alice", "new-password"), null, CancellationToken.None);

        Assert.Equal(AccountChangeStatus.TestRequired, result.Status);
        Assert.Equal("secret", bed.Passwords.Unprotect((await bed.ReloadAsync(account.Id)).ProtectedPassword));
    }

    [Fact]
    public async Task PasswordChangedOnTheServer_DisablesAfterThreshold_ThenSavingTheTestedNewPasswordReEnablesAtOnce()
    {
        await using var bed = await AccountsTestBed.CreateAsync();
        await using var server = SuccessfulServer("new-password", connections: 1);
        var account = await bed.AddAccountAsync(password: "old-password", port: server.Port);
        var refused = new MailFailure(MailFailureKind.Authentication, MailFailureReason.Credentials, "The server did not accept the user name and password.");
        for (var fetch = 0; fetch < bed.Options.DisableAfterAuthenticationFailures; fetch++)
        {
            await bed.Health().RecordFetchFailureAsync(account.Id, refused, CancellationToken.None);
        }

        Assert.Equal(AccountState.Disabled, (await bed.ReloadAsync(account.Id)).State);
        var service = bed.Service(server.Port);
        var newPassword = new Pop3AccountInput("Work", "alice@example.test", "pop.example.test", server.Port, false, "alice", "new-password");

        var test = await service.TestAsync("owner-1", account.Id, newPassword, CancellationToken.None);
        var update = await service.UpdateAsync("owner-1", account.Id, newPassword, test.ApprovalToken, CancellationToken.None);

        Assert.Equal(AccountChangeStatus.Saved, update.Status);
        var stored = await bed.ReloadAsync(account.Id);
        Assert.Equal(AccountState.Active, stored.State);
        Assert.Null(stored.DisabledReason);
        Assert.Equal(0, stored.ConsecutiveAuthenticationFailures);
        Assert.Null(server.Mismatch);
    }

    [Fact]
    public async Task AnAccountTheOwnerDisabled_StaysDisabledWhenItsTestedSettingsAreSaved()
    {
        await using var bed = await AccountsTestBed.CreateAsync();
        await using var server = SuccessfulServer("new-password", connections: 1);
        var account = await bed.AddAccountAsync(password: "old-password", port: server.Port);
        var service = bed.Service(server.Port);
        Assert.True(await service.DisableAsync("owner-1", account.Id, CancellationToken.None));
        var newPassword = new Pop3AccountInput("Work", "alice@example.test", "pop.example.test", server.Port, false, "alice", "new-password");

        var test = await service.TestAsync("owner-1", account.Id, newPassword, CancellationToken.None);
        var update = await service.UpdateAsync("owner-1", account.Id, newPassword, test.ApprovalToken, CancellationToken.None);

        Assert.Equal(AccountChangeStatus.Saved, update.Status);
        Assert.Equal(AccountState.Disabled, (await bed.ReloadAsync(account.Id)).State);
    }

    [Fact]
    public async Task EveryOperation_OnAnotherUsersAccount_ActsAsIfItDidNotExist()
    {
        await using var bed = await AccountsTestBed.CreateAsync();
        var account = await bed.AddAccountAsync(ownerId: "owner-1");
        var service = bed.Service();
        var input = Input(995, "secret");

        Assert.Empty(await service.ListAsync("owner-2", CancellationToken.None));
        Assert.Null(await service.GetAsync("owner-2", account.Id, CancellationToken.None));
        Assert.Equal(AccountTestStatus.NotFound, (await service.TestAsync("owner-2", account.Id, input, CancellationToken.None)).Status);
        Assert.Equal(AccountChangeStatus.NotFound, (await service.UpdateAsync("owner-2", account.Id, input, null, CancellationToken.None)).Status);
        Assert.Equal(AccountTestStatus.NotFound, (await service.EnableAsync("owner-2", account.Id, CancellationToken.None)).Status);
        Assert.False(await service.DisableAsync("owner-2", account.Id, CancellationToken.None));
        Assert.False(await service.DeleteAsync("owner-2", account.Id, FetchedMailOnDelete.Remove, CancellationToken.None));
        Assert.Equal(AccountState.Active, (await bed.ReloadAsync(account.Id)).State);
    }

    [Fact]
    public async Task Delete_KeepingMail_HidesTheAccountWipesThePasswordAndKeepsItsMessages()
    {
        await using var bed = await AccountsTestBed.CreateAsync();
        var account = await bed.AddAccountAsync();
        await AddMessageAsync(bed, account);

        Assert.True(await bed.Service().DeleteAsync("owner-1", account.Id, FetchedMailOnDelete.Keep, CancellationToken.None));

        Assert.Empty(await bed.Service().ListAsync("owner-1", CancellationToken.None));
        var tombstone = await bed.ReloadAsync(account.Id);
        Assert.Equal(AccountState.Deleted, tombstone.State);
        Assert.Equal("", tombstone.ProtectedPassword);
        Assert.Equal(1, await bed.Db.Messages.CountAsync(m => m.OwnerId == "owner-1"));
    }

    [Fact]
    public async Task Delete_RemovingMail_RemovesTheAccountAndItsMessages()
    {
        await using var bed = await AccountsTestBed.CreateAsync();
        var account = await bed.AddAccountAsync();
        await AddMessageAsync(bed, account);

        Assert.True(await bed.Service().DeleteAsync("owner-1", account.Id, FetchedMailOnDelete.Remove, CancellationToken.None));

        Assert.Empty(await bed.Db.Pop3Accounts.ToListAsync());
        Assert.Equal(0, await bed.Db.Messages.CountAsync());
        Assert.Equal(0, await bed.Db.RawMessages.CountAsync());
    }

    [Fact]
    public async Task List_CountsEachAccountsMessages()
    {
        await using var bed = await AccountsTestBed.CreateAsync();
        var account = await bed.AddAccountAsync();
        await AddMessageAsync(bed, account);
        await AddMessageAsync(bed, account);

        var summary = Assert.Single(await bed.Service().ListAsync("owner-1", CancellationToken.None));

        Assert.Equal(2, summary.MessageCount);
        Assert.Equal(AccountStatus.Active, summary.Status);
    }

    [Theory]
    [InlineData("inj\r\nDELE 1", "secret", "UserName")]
    [InlineData("alice", "secret\r\nDELE 1\r\nNOOP", "Password")]
    [InlineData("alice", "sec\u0000ret", "Password")]
    public async Task Test_WithALineBreakOrControlCharacterInTheSignIn_RefusesItAndSendsNothing(string userName, string password, string field)
    {
        await using var bed = await AccountsTestBed.CreateAsync();
        await using var server = SuccessfulServer("secret");
        var input = Input(server.Port, password) with { UserName = userName };

        var outcome = await bed.Service(server.Port).TestAsync("owner-1", null, input, CancellationToken.None);

        Assert.Equal(AccountTestStatus.Invalid, outcome.Status);
        Assert.Contains("control characters", Assert.Single(outcome.Errors[field]), StringComparison.Ordinal);
        Assert.Empty(server.Received);
    }

    [Fact]
    public void Validate_ADisplayNameWithALineBreak_IsRefusedWithAReason()
    {
        var errors = Pop3AccountInputValidator.Validate(Input(995, "secret") with { DisplayName = "Work\r\nBcc: everyone@example.test" }, passwordRequired: true);

        Assert.Equal(["Keep the display name on one line, without line breaks or control characters."], errors["DisplayName"]);
    }

    [Fact]
    public async Task Test_ManyGuessesAgainstOneServer_AreThrottledForEveryUser_WithoutConnecting()
    {
        await using var bed = await AccountsTestBed.CreateAsync();
        bed.LimitServerTests(perUser: 100, perTarget: 3);
        await using var server = ScriptedPop3Server.Repeating(3, "+OK ready",
            ("CAPA", Capabilities), ("USER alice@example.test", ["+OK"]), ("PASS wrong", ["-ERR [AUTH] Authentication failed."]));
        var service = bed.Service(server.Port);

        var outcomes = new List<AccountTestOutcome>();
        for (var guess = 0; guess < 5; guess++)
        {
            outcomes.Add(await service.TestAsync("owner-1", null, Input(server.Port, "wrong"), CancellationToken.None));
        }

        var otherUser = await service.TestAsync("owner-2", null, Input(server.Port, "wrong"), CancellationToken.None);

        Assert.All(outcomes.Take(3), o => Assert.Equal("authentication", o.Verdict!.Kind));
        Assert.All(outcomes.Skip(3).Append(otherUser), o => Assert.Equal(("throttled", ServerTestThrottle.Message), (o.Verdict!.Kind, o.Verdict.Message)));
        Assert.Equal(3, server.Received.Count(line => line.StartsWith("PASS", StringComparison.Ordinal)));
    }

    public static TheoryData<string, string, bool> OtherEndpoints => new()
    {
        { "attacker.example.test", "alice", false },
        { "pop.example.test", "someone-else", false },
        { "pop.example.test", "alice", true },
    };

    [Theory, MemberData(nameof(OtherEndpoints))]
    public async Task Test_OfAnotherEndpointWithoutAPassword_AsksForItAndSendsTheStoredOneNowhere(string host, string userName, bool useSsl)
    {
        await using var bed = await AccountsTestBed.CreateAsync();
        await using var server = SuccessfulServer("stored-secret");
        var account = await bed.AddAccountAsync(password: "stored-secret", port: server.Port);
        var input = new Pop3AccountInput("Work", "alice@example.test", host, server.Port, useSsl, userName, Password: null);

        var outcome = await bed.Service(server.Port).TestAsync("owner-1", account.Id, input, CancellationToken.None);

        Assert.Equal(AccountTestStatus.Invalid, outcome.Status);
        Assert.Equal([Pop3AccountService.PasswordForNewEndpoint], outcome.Errors!["Password"]);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Test_OfTheSavedEndpointWithoutAPassword_UsesTheStoredOne()
    {
        await using var bed = await AccountsTestBed.CreateAsync();
        await using var server = SuccessfulServer("stored-secret");
        var account = await bed.AddAccountAsync(password: "stored-secret", port: server.Port);
        var input = new Pop3AccountInput("Work", "alice@example.test", "POP.example.test", server.Port, false, "alice", Password: null);

        var outcome = await bed.Service(server.Port).TestAsync("owner-1", account.Id, input, CancellationToken.None);

        Assert.Equal(AccountTestStatus.Succeeded, outcome.Status);
        Assert.Contains("PASS stored-secret", server.Received);
    }

    [Fact]
    public async Task Update_ToAnotherHostWithoutAPassword_AsksForItAndKeepsTheSavedSettings()
    {
        await using var bed = await AccountsTestBed.CreateAsync();
        await using var server = SuccessfulServer("stored-secret");
        var account = await bed.AddAccountAsync(password: "stored-secret", port: server.Port);
        var input = new Pop3AccountInput("Work", "alice@example.test", "attacker.example.test", server.Port, false, "alice", Password: null);

        var result = await bed.Service(server.Port).UpdateAsync("owner-1", account.Id, input, null, CancellationToken.None);

        Assert.Equal(AccountChangeStatus.Invalid, result.Status);
        Assert.Equal([Pop3AccountService.PasswordForNewEndpoint], result.Errors!["Password"]);
        Assert.Equal("pop.example.test", (await bed.ReloadAsync(account.Id)).Host);
        Assert.Empty(server.Received);
    }

    private static Pop3AccountInput Input(int port, string? password) =>
        new("Work", "alice@example.test", "pop.example.test", port, UseSsl: false, UserName: null, password);

    private static ScriptedPop3Server SuccessfulServer(string password, int connections = 1) =>
        ScriptedPop3Server.Repeating(connections, "+OK ready",
            ("CAPA", Capabilities),
            ("USER " + (password == "secret" ? "alice@example.test" : "alice"), ["+OK"]),
            ("PASS " + password, ["+OK Logged in."]),
            ("CAPA", Capabilities),
            ("STAT", ["+OK 0 0"]),
            ("STAT", ["+OK 0 0"]),
            ("QUIT", ["+OK Bye"]));

    [Fact]
    public async Task TheAccountsMessageCount_CountsFetchedMailOnly_NotCopiesOfMailSentFromIt()
    {
        await using var bed = await AccountsTestBed.CreateAsync();
        var account = await bed.AddAccountAsync();
        await AddMessageAsync(bed, account);
        await AddMessageAsync(bed, account);
        await AddMessageAsync(bed, account, MailFolder.Sent);
        var service = bed.Service();

        Assert.Equal(2, Assert.Single(await service.ListAsync("owner-1", CancellationToken.None)).MessageCount);
        Assert.Equal(2, (await service.GetAsync("owner-1", account.Id, CancellationToken.None))!.MessageCount);
    }

    private static async Task AddMessageAsync(AccountsTestBed bed, Pop3Account account, MailFolder folder = MailFolder.Inbox)
    {
        bed.Db.Messages.Add(new StoredMessage
        {
            AccountId = account.Id,
            OwnerId = account.OwnerId,
            Folder = folder,
            SentAt = bed.Time.GetUtcNow(),
            StoredAt = bed.Time.GetUtcNow(),
            Raw = new RawMessage { Content = "Subject: hi\r\n\r\nhello\r\n"u8.ToArray() },
        });
        await bed.Db.SaveChangesAsync();
        bed.Db.ChangeTracker.Clear();
    }
}
