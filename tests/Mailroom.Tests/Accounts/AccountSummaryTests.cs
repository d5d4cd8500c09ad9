using Mailroom.Accounts;
using Mailroom.Fetching;
using Mailroom.Network;

namespace Mailroom.Tests.Accounts;

public sealed class AccountSummaryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Status_OfADisabledAccount_IsDisabledWithItsReasonWhateverTheFetcherSays()
    {
        var summary = AccountSummary.From(Account(AccountState.Disabled, "Disabled after 3 failed sign-ins."), 0, Fetch(fetching: true, failures: 2));

        Assert.Equal(AccountStatus.Disabled, summary.Status);
        Assert.Equal("Disabled after 3 failed sign-ins.", summary.StatusReason);
    }

    [Fact]
    public void Status_WhileAFetchRuns_IsFetching()
    {
        Assert.Equal(AccountStatus.Fetching, AccountSummary.From(Account(), 0, Fetch(fetching: true, failures: 0)).Status);
    }

    [Fact]
    public void Status_AfterAFailedFetch_IsErrorWithTheFailure()
    {
        var summary = AccountSummary.From(Account(), 0, Fetch(fetching: false, failures: 1));

        Assert.Equal(AccountStatus.Error, summary.Status);
        Assert.Equal("The server refused the connection on this port.", summary.StatusReason);
    }

    [Fact]
    public void Status_OfAHealthyOrNeverFetchedAccount_IsActive()
    {
        Assert.Equal(AccountStatus.Active, AccountSummary.From(Account(), 3, Fetch(fetching: false, failures: 0)).Status);
        Assert.Equal(AccountStatus.Active, AccountSummary.From(Account(), 0, null).Status);
    }

    private static Pop3Account Account(AccountState state = AccountState.Active, string? reason = null) => new()
    {
        OwnerId = "owner-1",
        DisplayName = "Work",
        EmailAddress = "alice@example.test",
        Host = "pop.example.test",
        UserName = "alice",
        ProtectedPassword = "x",
        State = state,
        DisabledReason = reason,
    };

    private static FetchStatus Fetch(bool fetching, int failures) => new(
        Guid.NewGuid(), fetching, fetching ? Now : null, 0, 0, 0, 0, null, null, Now,
        failures > 0 ? MailFailureKind.Connection : null, failures > 0 ? "The server refused the connection on this port." : null, failures);
}
