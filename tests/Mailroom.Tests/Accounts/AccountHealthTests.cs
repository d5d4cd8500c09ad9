using Mailroom.Accounts;
using Mailroom.Live;
using Mailroom.Network;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Tests.Accounts;

public sealed class AccountHealthTests
{
    private static readonly MailFailure WrongPassword = new(MailFailureKind.Authentication, MailFailureReason.Credentials, "The server did not accept the user name and password.");

    private static readonly Dictionary<string, MailFailure> Temporary = new MailFailure[]
    {
        new(MailFailureKind.MailboxInUse, MailFailureReason.InUse, "The mailbox is in use."),
        new(MailFailureKind.TemporaryServerError, MailFailureReason.SysTemp, "Temporary problem."),
        new(MailFailureKind.TemporaryServerError, MailFailureReason.LoginDelay, "Wait between sign-ins."),
        new(MailFailureKind.Connection, MailFailureReason.Refused, "Refused."),
        new(MailFailureKind.Connection, MailFailureReason.TimedOut, "Timed out."),
    }.ToDictionary(failure => failure.Reason.ToString());

    /// <summary>Named by reason: the failure types are internal, and a public theory can only take public types.</summary>
    public static TheoryData<string> TemporaryFailures => new(Temporary.Keys);

    [Fact]
    public async Task RecordFailure_WhenCredentialsAreRefusedThreeTimesInARow_DisablesWithReasonAndEmailsTheOwnerOnce()
    {
        await using var bed = await AccountsTestBed.CreateAsync();
        var account = await bed.AddAccountAsync();
        var health = bed.Health();

        await health.RecordFetchFailureAsync(account.Id, WrongPassword, CancellationToken.None);
        await health.RecordFetchFailureAsync(account.Id, WrongPassword, CancellationToken.None);
        Assert.Equal(AccountState.Active, (await bed.ReloadAsync(account.Id)).State);

        await health.RecordFetchFailureAsync(account.Id, WrongPassword, CancellationToken.None);
        await health.RecordFetchFailureAsync(account.Id, WrongPassword, CancellationToken.None);

        var stored = await bed.ReloadAsync(account.Id);
        Assert.Equal(AccountState.Disabled, stored.State);
        Assert.Contains("3 failed sign-ins", stored.DisabledReason, StringComparison.Ordinal);
        Assert.Contains("did not accept the user name and password", stored.DisabledReason, StringComparison.Ordinal);
        var notice = Assert.Single(bed.Mail.Sent);
        Assert.Equal("owner@example.test", notice.To.Mailboxes.Single().Address);
        Assert.Contains("Work", notice.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", notice.TextBody, StringComparison.Ordinal);
        // The email leads to the page the mail view's banner leads to.
        Assert.Contains($"{AccountsTestBed.PublicBaseUrl}/settings/mail/accounts/{account.Id}/edit", notice.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("Stopped after", stored.DisabledReason, StringComparison.Ordinal);
        Assert.Single(await bed.Db.MailboxEvents.Where(e => e.AccountId == account.Id && e.Change == MailboxChange.Account).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TemporaryFailures))]
    public async Task RecordFailure_WhenFailuresAreTemporary_NeverDisables(string reason)
    {
        var failure = Temporary[reason];
        await using var bed = await AccountsTestBed.CreateAsync();
        var account = await bed.AddAccountAsync();
        var health = bed.Health();

        for (var attempt = 0; attempt < 10; attempt++)
        {
            await health.RecordFetchFailureAsync(account.Id, failure, CancellationToken.None);
        }

        var stored = await bed.ReloadAsync(account.Id);
        Assert.Equal(AccountState.Active, stored.State);
        Assert.Equal(0, stored.ConsecutiveAuthenticationFailures);
        Assert.Null(stored.DisabledReason);
        Assert.Empty(bed.Mail.Sent);
    }

    [Fact]
    public async Task RecordSuccess_BetweenRefusals_StartsTheCountAgain()
    {
        await using var bed = await AccountsTestBed.CreateAsync();
        var account = await bed.AddAccountAsync();
        var health = bed.Health();

        await health.RecordFetchFailureAsync(account.Id, WrongPassword, CancellationToken.None);
        await health.RecordFetchFailureAsync(account.Id, WrongPassword, CancellationToken.None);
        await health.RecordFetchSuccessAsync(account.Id, CancellationToken.None);
        await health.RecordFetchFailureAsync(account.Id, WrongPassword, CancellationToken.None);
        await health.RecordFetchFailureAsync(account.Id, WrongPassword, CancellationToken.None);

        var stored = await bed.ReloadAsync(account.Id);
        Assert.Equal(AccountState.Active, stored.State);
        Assert.Equal(2, stored.ConsecutiveAuthenticationFailures);
    }

    [Fact]
    public async Task RecordSuccess_SetsTheLastSuccessfulFetch()
    {
        await using var bed = await AccountsTestBed.CreateAsync();
        var account = await bed.AddAccountAsync();
        var health = bed.Health();
        bed.Time.Advance(TimeSpan.FromMinutes(5));
        await health.RecordFetchSuccessAsync(account.Id, CancellationToken.None);

        var stored = await bed.ReloadAsync(account.Id);
        Assert.Equal(bed.Time.GetUtcNow(), stored.LastSuccessfulFetchAt);
    }

    [Fact]
    public async Task RecordFailure_WithAConfiguredThreshold_DisablesAtThatCount()
    {
        await using var bed = await AccountsTestBed.CreateAsync();
        bed.Options.DisableAfterAuthenticationFailures = 1;
        var account = await bed.AddAccountAsync();

        await bed.Health().RecordFetchFailureAsync(account.Id, WrongPassword, CancellationToken.None);

        Assert.Equal(AccountState.Disabled, (await bed.ReloadAsync(account.Id)).State);
    }
}
