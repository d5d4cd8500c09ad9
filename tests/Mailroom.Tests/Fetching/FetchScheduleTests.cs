using Mailroom.Fetching;
using Mailroom.Network;

namespace Mailroom.Tests.Fetching;

public sealed class FetchScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly MailFailure Refused = new(MailFailureKind.Connection, MailFailureReason.Refused, "refused");
    private static readonly MailFailure BadPassword = new(MailFailureKind.Authentication, MailFailureReason.Credentials, "no");

    private static readonly FetchingOptions Options = new()
    {
        PollInterval = TimeSpan.FromMinutes(5),
        BackoffInitial = TimeSpan.FromMinutes(1),
        BackoffMax = TimeSpan.FromMinutes(30),
    };

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(1000, 30)]
    public void Backoff_DoublesWithEachFailure_UpToTheCap(int failures, int expectedMinutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), FetchSchedule.Backoff(failures, Options.BackoffInitial, Options.BackoffMax));
    }

    [Fact]
    public void AfterSuccess_IsOnePollIntervalLater()
    {
        Assert.Equal(Now.AddMinutes(5), FetchSchedule.Succeeded(new FetchTally { SignedInAt = Now }, Now, Options).NextFetchAt);
    }

    [Fact]
    public void AfterSuccess_NeverComesBeforeTheServersLoginDelay()
    {
        var signedIn = Now.AddSeconds(-10);
        var end = FetchSchedule.Succeeded(new FetchTally { SignedInAt = signedIn, ServerLoginDelay = TimeSpan.FromMinutes(15) }, Now, Options);

        Assert.Equal(signedIn.AddMinutes(15), end.NextFetchAt);
        Assert.Equal(signedIn.AddMinutes(15), end.SignInAllowedAt);
    }

    [Fact]
    public void AfterFailure_ConnectionFailuresBackOff()
    {
        var end = FetchSchedule.Failed(new FetchTally(), Refused, previousFailures: 2, Now, Options);

        Assert.Equal(Now.AddMinutes(4), end.NextFetchAt);
        Assert.Equal(3, end.ConsecutiveFailures);
    }

    [Fact]
    public void AfterFailure_RejectedPassword_WaitsAPollIntervalRatherThanHammering()
    {
        Assert.Equal(Now.AddMinutes(5), FetchSchedule.Failed(new FetchTally { SignedInAt = Now }, BadPassword, 0, Now, Options).NextFetchAt);
    }

    [Fact]
    public void AfterFailure_LoginDelayRefusal_WaitsAtLeastTheAdvertisedDelay()
    {
        var tooSoon = new MailFailure(MailFailureKind.TemporaryServerError, MailFailureReason.LoginDelay, "wait");
        var end = FetchSchedule.Failed(new FetchTally { ServerLoginDelay = TimeSpan.FromMinutes(10) }, tooSoon, 0, Now, Options);

        Assert.Equal(Now.AddMinutes(10), end.NextFetchAt);
        Assert.Equal(Now.AddMinutes(10), end.SignInAllowedAt);
    }
}
