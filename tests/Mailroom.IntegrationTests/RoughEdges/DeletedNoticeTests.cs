using Mailroom.Accounts;
using Mailroom.Web.Pages.Settings.Mail.Accounts;

namespace Mailroom.IntegrationTests.RoughEdges;

/// <summary>Rough edge: "its 1 fetched messages" after deleting an account.</summary>
public sealed class DeletedNoticeTests
{
    [Theory]
    [InlineData(1, true, "Old ISP was deleted. Its 1 fetched message stays in your mail.")]
    [InlineData(3, true, "Old ISP was deleted. Its 3 fetched messages stay in your mail.")]
    [InlineData(1, false, "Old ISP was deleted together with its 1 fetched message.")]
    [InlineData(1200, false, "Old ISP was deleted together with its 1,200 fetched messages.")]
    public void TheNoticeAfterADelete_CountsMessagesInGoodEnglish(int count, bool keep, string expected) =>
        Assert.Equal(expected, DeleteModel.DeletedNotice("Old ISP", count, keep ? FetchedMailOnDelete.Keep : FetchedMailOnDelete.Remove));
}
