using Mailroom.Network;
using Mailroom.SenderAddresses;
using Mailroom.Tests.Sending;

namespace Mailroom.Tests.SenderAddresses;

public sealed class SenderAddressServiceTests
{
    [Fact]
    public async Task Save_OwnServerThatSignsIn_VerifiesTheAddressAtOnce_WithoutAnyEmail()
    {
        await using var bed = await SendingTestBed.CreateAsync();

        var saved = await bed.SaveAsync(bed.OwnServerInput());

        Assert.True(saved.IsVerified);
        Assert.Equal(AddressProof.SmtpSignIn, saved.VerifiedBy);
        Assert.Empty(bed.SystemMail.Sent);
        Assert.Empty(bed.Smtp.MailCommands);
    }

    [Fact]
    public async Task Save_OwnServerWithAWrongPassword_SavesNothing_AndGivesTheAuthenticationVerdict()
    {
        await using var bed = await SendingTestBed.CreateAsync();

        var result = await bed.Addresses().SaveAsync(SendingTestBed.Owner, null, bed.OwnServerInput(password: "wrong"), SendingTestBed.ConfirmationPage, CancellationToken.None);

        Assert.Equal(SenderAddressSaveStatus.TestFailed, result.Status);
        Assert.Equal("authentication", result.Verdict!.Kind);
        Assert.Equal("credentials", result.Verdict.Reason);
        Assert.Empty(await bed.Addresses().ListAsync(SendingTestBed.Owner, CancellationToken.None));
        Assert.Single(bed.Smtp.SignIns);
    }

    [Fact]
    public async Task Save_OwnServerWithoutSigningIn_NeedsTheVerificationEmail()
    {
        await using var bed = await SendingTestBed.CreateAsync();

        var saved = await bed.SaveAsync(bed.OwnServerInput(userName: null, password: null));

        Assert.False(saved.IsVerified);
        Assert.Single(bed.SystemMail.Sent);
        Assert.Empty(bed.Smtp.SignIns);
    }

    [Fact]
    public async Task Test_SignsIn_ButNeverSendsAMessage()
    {
        await using var bed = await SendingTestBed.CreateAsync();

        var outcome = await bed.Addresses().TestAsync(SendingTestBed.Owner, null, bed.OwnServerInput(), CancellationToken.None);

        Assert.Equal(SmtpRouteTestStatus.Succeeded, outcome.Status);
        Assert.True(outcome.Result!.SignedIn);
        Assert.Equal(10_000_000, outcome.Result.MaxMessageSize);
        Assert.Equal(["alice@example.test"], bed.Smtp.SignIns);
        Assert.Empty(bed.Smtp.MailCommands);
        Assert.Empty(await bed.Addresses().ListAsync(SendingTestBed.Owner, CancellationToken.None));
    }

    [Fact]
    public async Task Test_AgainstAServerThatOffersNoSignIn_SaysSo()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        bed.Smtp.OffersAuthentication = false;

        var outcome = await bed.Addresses().TestAsync(SendingTestBed.Owner, null, bed.OwnServerInput(), CancellationToken.None);

        Assert.Equal(SmtpRouteTestStatus.Failed, outcome.Status);
        Assert.Equal("authentication-not-offered", outcome.Verdict!.Reason);
    }

    [Fact]
    public async Task Test_OnAPortTheAdministratorDidNotAllow_IsNotAllowed()
    {
        await using var bed = await SendingTestBed.CreateAsync();

        var outcome = await bed.Addresses().TestAsync(SendingTestBed.Owner, null, bed.OwnServerInput() with { SmtpPort = 2525 }, CancellationToken.None);

        Assert.Equal("not-allowed", outcome.Verdict!.Kind);
        Assert.Equal("port-not-allowed", outcome.Verdict.Reason);
    }

    [Fact]
    public async Task Save_WithABlankPassword_UsesTheLinkedAccountsIncomingPassword_OnTheSameHost()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var account = await bed.AddAccountAsync(password: "alice-secret", host: "127.0.0.1");

        var saved = await bed.SaveAsync(bed.OwnServerInput(password: null) with { AccountId = account.Id });

        Assert.True(saved.IsVerified);
        Assert.Equal("Work", saved.AccountName);
    }

    [Fact]
    public async Task Save_OwnServerSignInForAnotherAddress_DoesNotVerifyIt_AndMailsTheVerification()
    {
        await using var bed = await SendingTestBed.CreateAsync();

        var saved = await bed.SaveAsync(bed.OwnServerInput(address: "ceo@bank.example"));

        Assert.False(saved.IsVerified);
        Assert.Equal("ceo@bank.example", Assert.Single(bed.SystemMail.Sent).To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task TestAndSave_WithALineBreakInThePassword_AreRefusedAndSendNothing()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var input = bed.OwnServerInput(password: "alice-secret\r\nRSET");

        var test = await bed.Addresses().TestAsync(SendingTestBed.Owner, null, input, CancellationToken.None);
        var save = await bed.Addresses().SaveAsync(SendingTestBed.Owner, null, input, SendingTestBed.ConfirmationPage, CancellationToken.None);

        Assert.Equal(SmtpRouteTestStatus.Invalid, test.Status);
        Assert.Equal(["The password cannot contain line breaks or control characters."], test.Errors!["SmtpPassword"]);
        Assert.Equal(SenderAddressSaveStatus.Invalid, save.Status);
        Assert.Empty(bed.Smtp.ReceivedPasswords);
    }

    [Fact]
    public async Task Test_WithABlankPassword_NeverSendsTheLinkedAccountsPasswordToAnotherHost()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var account = await bed.AddAccountAsync(password: "alice-secret", host: "pop.example.test");

        var outcome = await bed.Addresses().TestAsync(SendingTestBed.Owner, null, bed.OwnServerInput(password: null) with { AccountId = account.Id }, CancellationToken.None);

        Assert.Equal(SmtpRouteTestStatus.Invalid, outcome.Status);
        Assert.Equal(["Enter the password for the outgoing server."], outcome.Errors!["SmtpPassword"]);
        Assert.Empty(bed.Smtp.ReceivedPasswords);
    }

    public static TheoryData<string, int?, bool, string> OtherEndpoints => new()
    {
        { "attacker.example.test", null, false, "alice@example.test" },
        { "127.0.0.1", 2525, false, "alice@example.test" },
        { "127.0.0.1", null, true, "alice@example.test" },
        { "127.0.0.1", null, false, "mallory@example.test" },
    };

    [Theory, MemberData(nameof(OtherEndpoints))]
    public async Task TestAndSave_OfAnotherEndpointWithoutAPassword_AskForItAndSendTheSavedOneNowhere(string host, int? port, bool implicitTls, string userName)
    {
        var security = implicitTls ? MailTransportSecurity.SslOnConnect : MailTransportSecurity.StartTls;
        await using var bed = await SendingTestBed.CreateAsync();
        var saved = await bed.SaveAsync(bed.OwnServerInput());
        bed.Smtp.ReceivedPasswords.Clear();
        var changed = bed.OwnServerInput(password: null, userName: userName) with { SmtpHost = host, SmtpPort = port ?? bed.Smtp.Port, SmtpSecurity = security };

        var test = await bed.Addresses().TestAsync(SendingTestBed.Owner, saved.Id, changed, CancellationToken.None);
        var save = await bed.Addresses().SaveAsync(SendingTestBed.Owner, saved.Id, changed, SendingTestBed.ConfirmationPage, CancellationToken.None);

        Assert.Equal(SmtpRouteTestStatus.Invalid, test.Status);
        Assert.Equal([SenderAddressService.PasswordForNewEndpoint], test.Errors!["SmtpPassword"]);
        Assert.Equal(SenderAddressSaveStatus.Invalid, save.Status);
        Assert.Empty(bed.Smtp.ReceivedPasswords);
        Assert.Equal("127.0.0.1", (await bed.ReloadAsync(saved.Id)).SmtpHost);
    }

    [Fact]
    public async Task Test_OfTheSavedEndpointWithoutAPassword_SignsInWithTheSavedOne()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var saved = await bed.SaveAsync(bed.OwnServerInput());
        bed.Smtp.ReceivedPasswords.Clear();

        var test = await bed.Addresses().TestAsync(SendingTestBed.Owner, saved.Id, bed.OwnServerInput(password: null), CancellationToken.None);

        Assert.Equal(SmtpRouteTestStatus.Succeeded, test.Status);
        Assert.Equal(["alice-secret"], bed.Smtp.ReceivedPasswords);
    }

    [Fact]
    public async Task SmtpPassword_IsEncryptedAtRest_AndNeverInTheSummary()
    {
        await using var bed = await SendingTestBed.CreateAsync();

        var saved = await bed.SaveAsync(bed.OwnServerInput());
        var row = await bed.ReloadAsync(saved.Id);

        Assert.NotNull(row.ProtectedSmtpPassword);
        Assert.DoesNotContain("alice-secret", row.ProtectedSmtpPassword, StringComparison.Ordinal);
        Assert.Equal("alice-secret", bed.SmtpPasswords.Unprotect(row.ProtectedSmtpPassword));
        Assert.True(saved.HasSmtpPassword);
        Assert.DoesNotContain("alice-secret", saved.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwitchingASignInVerifiedAddressToMailroomsSmtp_NeedsEmailProof()
    {
        // Otherwise any SMTP server that accepts a sign-in could vouch for any address on the administrator's relay.
        await using var bed = await SendingTestBed.CreateAsync();
        var saved = await bed.SaveAsync(bed.OwnServerInput());

        var switched = await bed.SaveAsync(SendingTestBed.RelayInput(), id: saved.Id);

        Assert.False(switched.IsVerified);
        Assert.Single(bed.SystemMail.Sent);
    }

    [Fact]
    public async Task ChangingTheAddress_ResetsItsVerification()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var saved = await bed.SaveAsync(SendingTestBed.RelayInput());
        await bed.Verification().CheckCodeAsync(SendingTestBed.Owner, saved.Id, VerificationTarget.Address, bed.LastCode(), CancellationToken.None);
        bed.Time.Advance(TimeSpan.FromMinutes(5));

        var keptAddress = await bed.SaveAsync(SendingTestBed.RelayInput() with { DisplayName = "Alice E." }, id: saved.Id);
        var changedAddress = await bed.SaveAsync(SendingTestBed.RelayInput("alice.e@example.test"), id: saved.Id);

        Assert.True(keptAddress.IsVerified);
        Assert.False(changedAddress.IsVerified);
    }

    [Fact]
    public async Task Save_TheSameAddressTwice_IsRefused_ButAnotherUserMayClaimIt()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        await bed.SaveAsync(SendingTestBed.RelayInput());

        var duplicate = await bed.Addresses().SaveAsync(SendingTestBed.Owner, null, SendingTestBed.RelayInput("ALICE@example.test"), SendingTestBed.ConfirmationPage, CancellationToken.None);
        var otherUsers = await bed.SaveAsync(SendingTestBed.RelayInput(), owner: SendingTestBed.OtherUser);

        Assert.Equal(SenderAddressSaveStatus.Invalid, duplicate.Status);
        Assert.Contains("Address", duplicate.Errors!.Keys);
        Assert.False(otherUsers.IsVerified);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("Alice <alice@example.test>")]
    [InlineData("alice@example.test, bob@example.test")]
    [InlineData("alice@localhost")]
    public async Task Save_RefusesAnythingButOnePlainAddress(string address)
    {
        await using var bed = await SendingTestBed.CreateAsync();

        var result = await bed.Addresses().SaveAsync(SendingTestBed.Owner, null, SendingTestBed.RelayInput(address), SendingTestBed.ConfirmationPage, CancellationToken.None);

        Assert.Equal(SenderAddressSaveStatus.Invalid, result.Status);
        Assert.Contains("Address", result.Errors!.Keys);
    }

    [Fact]
    public async Task AnotherUser_CannotSeeEditTestOrDelete_ThisUsersAddress()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var saved = await bed.SaveAsync(bed.OwnServerInput());
        var service = bed.Addresses();

        Assert.Null(await service.GetAsync(SendingTestBed.OtherUser, saved.Id, CancellationToken.None));
        Assert.Empty(await service.ListAsync(SendingTestBed.OtherUser, CancellationToken.None));
        Assert.Equal(SenderAddressSaveStatus.NotFound,
            (await service.SaveAsync(SendingTestBed.OtherUser, saved.Id, SendingTestBed.RelayInput(), SendingTestBed.ConfirmationPage, CancellationToken.None)).Status);
        Assert.Equal(SmtpRouteTestStatus.NotFound,
            (await service.TestAsync(SendingTestBed.OtherUser, saved.Id, bed.OwnServerInput(password: null), CancellationToken.None)).Status);
        Assert.False(await service.DeleteAsync(SendingTestBed.OtherUser, saved.Id, CancellationToken.None));
        Assert.NotNull(await service.GetAsync(SendingTestBed.Owner, saved.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Suggestion_ForAnAccount_TakesItsAddressAndUserName_AndGuessesTheSmtpServer()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var account = await bed.AddAccountAsync();

        var suggestion = await bed.Addresses().SuggestForAccountAsync(SendingTestBed.Owner, account.Id, CancellationToken.None);
        var forOtherUser = await bed.Addresses().SuggestForAccountAsync(SendingTestBed.OtherUser, account.Id, CancellationToken.None);

        Assert.Equal("alice@example.test", suggestion!.Address);
        Assert.Equal("smtp.example.test", suggestion.SmtpHost);
        Assert.Equal(465, suggestion.SmtpPort);
        Assert.Equal(MailTransportSecurity.SslOnConnect, suggestion.SmtpSecurity);
        Assert.Equal("alice@example.test", suggestion.SmtpUserName);
        Assert.Null(forOtherUser);
    }
}
