using Mailroom.Messages;

namespace Mailroom.Tests.Messages;

public sealed class UnreadCountsTests
{
    [Theory]
    [InlineData(0, false, "0")]
    [InlineData(17, false, "17")]
    [InlineData(2310, false, "2,310")]
    [InlineData(UnreadCounts.Cap + 1, true, "9,999+")]
    public void Display_ShowsExactCountsAndMarksTheCap(int count, bool capped, string expected)
    {
        Assert.Equal(expected, UnreadCounts.Display(count, capped));
    }

    [Fact]
    public void Counts_PastTheCap_AreCapped_AndSoIsTheTotal()
    {
        var work = Guid.NewGuid();
        var home = Guid.NewGuid();
        var counts = new UnreadCounts(new Dictionary<Guid, int> { [work] = UnreadCounts.Cap + 1, [home] = 3 });

        Assert.True(counts.IsCapped(work));
        Assert.False(counts.IsCapped(home));
        Assert.True(counts.IsTotalCapped);
        Assert.Equal(UnreadCounts.Cap + 4, counts.Total);
    }
}
