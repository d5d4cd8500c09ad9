using Mailroom.Web.Users;

namespace Mailroom.IntegrationTests.Users;

public sealed class LockoutNoticeTests
{
    [Theory]
    [InlineData("2026-12-01T19:56:10Z", "19:57")]
    [InlineData("2026-12-01T19:56:00.0000001Z", "19:57")]
    [InlineData("2026-12-01T19:56:00Z", "19:56")]
    [InlineData("2026-12-01T23:59:30Z", "00:00")]
    public void TheEndShown_IsRoundedUpToTheMinute_SoTheUserIsNeverStillLockedAtTheTimeGiven(string end, string shown)
    {
        var notice = new LockoutNotice(TimeSpan.FromMinutes(15), DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(shown, notice.UtcTimeText);
        Assert.True(notice.ShownUntil >= notice.LockedUntil);
        Assert.Contains($"Try again at {shown} UTC.", notice.Message, StringComparison.Ordinal);
    }
}
