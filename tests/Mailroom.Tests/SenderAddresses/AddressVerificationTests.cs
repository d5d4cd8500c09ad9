using System.Text;
using Mailroom.SenderAddresses;
using Mailroom.Tests.Sending;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Tests.SenderAddresses;

public sealed class AddressVerificationTests
{
    [Fact]
    public async Task Save_WithMailroomsSmtp_MailsACodeAndLink_AndLeavesTheAddressUnverified()
    {
        await using var bed = await SendingTestBed.CreateAsync();

        var saved = await bed.SaveAsync(SendingTestBed.RelayInput());

        Assert.False(saved.IsVerified);
        Assert.Equal(PendingCodeState.Waiting, saved.AddressCode);
        var mail = Assert.Single(bed.SystemMail.Sent);
        Assert.Equal("alice@example.test", mail.To.Mailboxes.Single().Address);
        Assert.Matches(@"^\d{6}$", bed.LastCode());
        Assert.StartsWith(SendingTestBed.ConfirmationPage + "?token=", mail.TextBody!.Split('\n').Single(l => l.Contains("token=", StringComparison.Ordinal)).Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckCode_WithTheMailedCode_VerifiesTheAddress()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var saved = await bed.SaveAsync(SendingTestBed.RelayInput());

        var result = await bed.Verification().CheckCodeAsync(SendingTestBed.Owner, saved.Id, VerificationTarget.Address, bed.LastCode(), CancellationToken.None);

        Assert.Equal(CodeCheckStatus.Verified, result.Status);
        var address = await bed.ReloadAsync(saved.Id);
        Assert.True(address.IsVerified);
        Assert.Equal(AddressProof.Code, address.VerifiedBy);
    }

    [Fact]
    public async Task CheckCode_FiveWrongCodes_LockTheCode_SoEvenTheRightOneIsRefused()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var saved = await bed.SaveAsync(SendingTestBed.RelayInput());
        var code = bed.LastCode();
        var wrong = code == "000000" ? "111111" : "000000";
        var verification = bed.Verification();

        var answers = new List<CodeCheckResult>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            answers.Add(await verification.CheckCodeAsync(SendingTestBed.Owner, saved.Id, VerificationTarget.Address, wrong, CancellationToken.None));
        }

        var withRightCode = await verification.CheckCodeAsync(SendingTestBed.Owner, saved.Id, VerificationTarget.Address, code, CancellationToken.None);

        Assert.Equal([4, 3, 2, 1], answers.Take(4).Select(a => a.RemainingAttempts));
        Assert.All(answers.Take(4), a => Assert.Equal(CodeCheckStatus.Wrong, a.Status));
        Assert.Equal(CodeCheckStatus.Locked, answers[4].Status);
        Assert.Equal(CodeCheckStatus.Locked, withRightCode.Status);
        Assert.False((await bed.ReloadAsync(saved.Id)).IsVerified);
        Assert.Equal(PendingCodeState.Locked, (await bed.Addresses().GetAsync(SendingTestBed.Owner, saved.Id, CancellationToken.None))!.AddressCode);
    }

    [Fact]
    public async Task CheckCode_AfterTheCodeLifetime_IsRefusedAsExpired()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var saved = await bed.SaveAsync(SendingTestBed.RelayInput());
        bed.Time.Advance(TimeSpan.FromHours(24));

        var result = await bed.Verification().CheckCodeAsync(SendingTestBed.Owner, saved.Id, VerificationTarget.Address, bed.LastCode(), CancellationToken.None);

        Assert.Equal(CodeCheckStatus.Expired, result.Status);
        Assert.False((await bed.ReloadAsync(saved.Id)).IsVerified);
    }

    [Fact]
    public async Task CheckCode_JustBeforeExpiry_StillVerifies_AndTheLifetimeIsConfigurable()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        bed.Options.CodeLifetime = TimeSpan.FromHours(2);
        var saved = await bed.SaveAsync(SendingTestBed.RelayInput());
        bed.Time.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));

        var result = await bed.Verification().CheckCodeAsync(SendingTestBed.Owner, saved.Id, VerificationTarget.Address, bed.LastCode(), CancellationToken.None);

        Assert.Equal(CodeCheckStatus.Verified, result.Status);
    }

    [Fact]
    public async Task CheckCode_ToleratesSpacesAndDashes()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var saved = await bed.SaveAsync(SendingTestBed.RelayInput());
        var code = bed.LastCode();

        var result = await bed.Verification().CheckCodeAsync(SendingTestBed.Owner, saved.Id, VerificationTarget.Address, $" {code[..3]}-{code[3..]} ", CancellationToken.None);

        Assert.Equal(CodeCheckStatus.Verified, result.Status);
    }

    [Fact]
    public async Task ConfirmLink_VerifiesTheAddress_WithoutTheOwnerSignedIn()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var saved = await bed.SaveAsync(SendingTestBed.RelayInput());
        var token = bed.LastLinkToken();
        var verification = bed.Verification();

        var inspected = await verification.InspectLinkAsync(token, CancellationToken.None);
        Assert.False((await bed.ReloadAsync(saved.Id)).IsVerified);
        var confirmed = await verification.ConfirmLinkAsync(token, CancellationToken.None);

        Assert.Equal(LinkStatus.Ready, inspected.Status);
        Assert.Equal(LinkStatus.Verified, confirmed.Status);
        Assert.Equal(AddressProof.Link, (await bed.ReloadAsync(saved.Id)).VerifiedBy);
        Assert.Equal(LinkStatus.AlreadyVerified, (await verification.ConfirmLinkAsync(token, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task ConfirmLink_WithAnAlteredToken_IsInvalid()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var saved = await bed.SaveAsync(SendingTestBed.RelayInput());
        var token = bed.LastLinkToken();
        var altered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        var result = await bed.Verification().ConfirmLinkAsync(altered, CancellationToken.None);

        Assert.Equal(LinkStatus.Invalid, result.Status);
        Assert.False((await bed.ReloadAsync(saved.Id)).IsVerified);
    }

    [Fact]
    public async Task ConfirmLink_AfterTheLifetime_IsExpired()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var saved = await bed.SaveAsync(SendingTestBed.RelayInput());
        bed.Time.Advance(TimeSpan.FromHours(25));

        var result = await bed.Verification().ConfirmLinkAsync(bed.LastLinkToken(), CancellationToken.None);

        Assert.Equal(LinkStatus.Expired, result.Status);
        Assert.False((await bed.ReloadAsync(saved.Id)).IsVerified);
    }

    [Fact]
    public async Task Resend_ReplacesTheCode_SoTheOldCodeAndLinkStopWorking()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var saved = await bed.SaveAsync(SendingTestBed.RelayInput());
        var (oldCode, oldToken) = (bed.LastCode(), bed.LastLinkToken());
        bed.Time.Advance(bed.Options.ResendInterval);
        var verification = bed.Verification();

        var resent = await verification.ResendAsync(SendingTestBed.Owner, saved.Id, VerificationTarget.Address, SendingTestBed.ConfirmationPage, CancellationToken.None);
        var newCode = bed.LastCode();
        var oldLink = await verification.ConfirmLinkAsync(oldToken, CancellationToken.None);
        var oldCodeCheck = oldCode == newCode ? null : await verification.CheckCodeAsync(SendingTestBed.Owner, saved.Id, VerificationTarget.Address, oldCode, CancellationToken.None);
        var newCodeCheck = await verification.CheckCodeAsync(SendingTestBed.Owner, saved.Id, VerificationTarget.Address, newCode, CancellationToken.None);

        Assert.Equal(ResendStatus.Sent, resent.Status);
        Assert.Equal(2, bed.SystemMail.Sent.Count);
        Assert.Equal(LinkStatus.Replaced, oldLink.Status);
        Assert.True(oldCodeCheck is null || oldCodeCheck.Status == CodeCheckStatus.Wrong);
        Assert.Equal(CodeCheckStatus.Verified, newCodeCheck.Status);
    }

    [Fact]
    public async Task Resend_IsRateLimited_BetweenCodesAndPerDay()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        bed.Options.MaxCodesPerDay = 3;
        var saved = await bed.SaveAsync(SendingTestBed.RelayInput());
        var verification = bed.Verification();
        Task<ResendResult> Resend() => verification.ResendAsync(SendingTestBed.Owner, saved.Id, VerificationTarget.Address, SendingTestBed.ConfirmationPage, CancellationToken.None);

        var tooSoon = await Resend();
        bed.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await Resend();
        bed.Time.Advance(TimeSpan.FromMinutes(1));
        var third = await Resend();
        bed.Time.Advance(TimeSpan.FromMinutes(1));
        var overDailyLimit = await Resend();
        bed.Time.Advance(TimeSpan.FromDays(1));
        var nextDay = await Resend();

        Assert.Equal(ResendStatus.TooSoon, tooSoon.Status);
        Assert.Equal(TimeSpan.FromMinutes(1), tooSoon.RetryAfter);
        Assert.Equal(ResendStatus.Sent, second.Status);
        Assert.Equal(ResendStatus.Sent, third.Status);
        Assert.Equal(ResendStatus.DailyLimitReached, overDailyLimit.Status);
        Assert.Equal(ResendStatus.Sent, nextDay.Status);
        Assert.Equal(4, bed.SystemMail.Sent.Count);
    }

    [Fact]
    public async Task Resend_WhenTheMailCannotBeSent_SaysSo_AndDoesNotCountAgainstTheLimit()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        bed.SystemMail.FailWith = new IOException("relay down");
        var saved = await bed.SaveAsync(SendingTestBed.RelayInput());
        bed.SystemMail.FailWith = null;

        var resent = await bed.Verification().ResendAsync(SendingTestBed.Owner, saved.Id, VerificationTarget.Address, SendingTestBed.ConfirmationPage, CancellationToken.None);

        Assert.Equal(ResendStatus.Sent, resent.Status);
        Assert.Single(bed.SystemMail.Sent);
    }

    [Fact]
    public async Task Codes_AreStoredOnlyAsSaltedHashes()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        await bed.SaveAsync(SendingTestBed.RelayInput());
        var code = bed.LastCode();

        var row = await bed.Db.VerificationCodes.AsNoTracking().SingleAsync();

        Assert.Equal(32, row.Hash.Length);
        Assert.Equal(16, row.Salt.Length);
        Assert.DoesNotContain(code, Encoding.Latin1.GetString(row.Hash), StringComparison.Ordinal);
        Assert.DoesNotContain(code, Convert.ToHexString(row.Hash), StringComparison.Ordinal);
        Assert.DoesNotContain(code, Convert.ToBase64String(row.Hash), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplyTo_IsConfirmedByTheCodeMailedToIt()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var saved = await bed.SaveAsync(bed.OwnServerInput() with { ReplyTo = "team@example.test" });

        var mail = Assert.Single(bed.SystemMail.Sent);
        Assert.Equal("team@example.test", mail.To.Mailboxes.Single().Address);
        Assert.DoesNotContain("token=", mail.TextBody, StringComparison.Ordinal);
        Assert.False(saved.IsReplyToVerified);
        var result = await bed.Verification().CheckCodeAsync(SendingTestBed.Owner, saved.Id, VerificationTarget.ReplyTo, bed.LastCode(), CancellationToken.None);

        Assert.Equal(CodeCheckStatus.Verified, result.Status);
        Assert.True((await bed.ReloadAsync(saved.Id)).IsReplyToVerified);
    }

    [Fact]
    public async Task ChangingTheReplyTo_NeedsANewConfirmation()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var saved = await bed.SaveAsync(SendingTestBed.RelayInput(replyTo: "team@example.test"));
        await bed.Verification().CheckCodeAsync(SendingTestBed.Owner, saved.Id, VerificationTarget.ReplyTo, bed.LastCode(), CancellationToken.None);
        bed.Time.Advance(TimeSpan.FromMinutes(5));

        var changed = await bed.SaveAsync(SendingTestBed.RelayInput(replyTo: "sales@example.test"), id: saved.Id);

        Assert.False(changed.IsReplyToVerified);
        Assert.Equal("sales@example.test", bed.SystemMail.Sent[^1].To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task AnotherUser_CannotCheckCodes_OrResend_ForThisUsersAddress()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var saved = await bed.SaveAsync(SendingTestBed.RelayInput());
        bed.Time.Advance(TimeSpan.FromMinutes(5));
        var verification = bed.Verification();

        var check = await verification.CheckCodeAsync(SendingTestBed.OtherUser, saved.Id, VerificationTarget.Address, bed.LastCode(), CancellationToken.None);
        var resend = await verification.ResendAsync(SendingTestBed.OtherUser, saved.Id, VerificationTarget.Address, SendingTestBed.ConfirmationPage, CancellationToken.None);

        Assert.Equal(CodeCheckStatus.NotFound, check.Status);
        Assert.Equal(ResendStatus.NotFound, resend.Status);
        Assert.False((await bed.ReloadAsync(saved.Id)).IsVerified);
        Assert.Single(bed.SystemMail.Sent);
    }
}
