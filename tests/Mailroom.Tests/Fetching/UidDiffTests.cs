using Mailroom.Accounts;
using Mailroom.Fetching;

namespace Mailroom.Tests.Fetching;

public sealed class UidDiffTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly RetrievalRule Keep = new(RetrievalPolicy.KeepOnServer, null);

    [Fact]
    public void Plan_DownloadsOnlyUidsTheLedgerDoesNotKnow_WithThisSessionsIndexes()
    {
        // The server renumbered: "b" was index 1 last session, it is index 0 now.
        var ledger = Ledger(("a", Stored(Now)), ("c", Stored(Now)));

        var plan = UidDiff.Plan(["b", "c", "d"], [10, 20, 30], ledger, Keep, 1000, Now);

        Assert.Equal([(0, "b"), (2, "d")], plan.Download.Select(m => (m.Index, m.Uid)));
        Assert.Empty(plan.DeleteNow);
        Assert.Empty(plan.TooLarge);
    }

    [Fact]
    public void Plan_WhenEverythingIsKnown_DownloadsNothing()
    {
        var ledger = Ledger(("a", Stored(Now)), ("b", Stored(Now)));

        var plan = UidDiff.Plan(["a", "b"], [1, 2], ledger, Keep, 1000, Now);

        Assert.Empty(plan.Download);
        Assert.Empty(plan.GoneFromServer);
    }

    [Fact]
    public void Plan_MessageOverTheSizeLimit_IsSkippedNotDownloaded()
    {
        var plan = UidDiff.Plan(["small", "huge"], [1000, 1001], Ledger(), Keep, 1000, Now);

        Assert.Equal(["small"], plan.Download.Select(m => m.Uid));
        Assert.Equal(["huge"], plan.TooLarge.Select(m => m.Uid));
    }

    [Fact]
    public void Plan_UidListedTwice_IsDownloadedOnce()
    {
        var plan = UidDiff.Plan(["x", "x", "y"], [1, 1, 1], Ledger(), Keep, 1000, Now);

        Assert.Equal([(0, "x"), (2, "y")], plan.Download.Select(m => (m.Index, m.Uid)));
    }

    [Fact]
    public void Plan_DeletePolicy_DeletesStoredMessagesStillOnTheServer_ButNeverSkippedOnes()
    {
        var ledger = Ledger(("stored", Stored(Now)), ("skipped", new LedgerFacts(false, Now, false)));

        var plan = UidDiff.Plan(["stored", "skipped", "new"], [1, 1, 1], ledger, new(RetrievalPolicy.DeleteFromServer, null), 1000, Now);

        Assert.Equal(["stored"], plan.DeleteNow.Select(m => m.Uid));
        Assert.Equal(["new"], plan.Download.Select(m => m.Uid));
    }

    [Fact]
    public void Plan_DeleteAfterDays_DeletesOnlyMessagesFirstSeenAtLeastThatLongAgo()
    {
        var ledger = Ledger(("old", Stored(Now.AddDays(-7))), ("young", Stored(Now.AddDays(-7).AddSeconds(1))));

        var plan = UidDiff.Plan(["old", "young"], [1, 1], ledger, new(RetrievalPolicy.DeleteAfterDays, 7), 1000, Now);

        Assert.Equal(["old"], plan.DeleteNow.Select(m => m.Uid));
    }

    [Fact]
    public void Plan_LedgerUidsNoLongerListed_AreReportedGone_UnlessAlreadyMarked()
    {
        var ledger = Ledger(("kept", Stored(Now)), ("removed", Stored(Now)), ("marked", new LedgerFacts(true, Now, true)));

        var plan = UidDiff.Plan(["kept"], [1], ledger, Keep, 1000, Now);

        Assert.Equal(["removed"], plan.GoneFromServer);
    }

    [Fact]
    public void Plan_UidAndSizeListsOfDifferentLength_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => UidDiff.Plan(["a", "b"], [1], Ledger(), Keep, 1000, Now));
    }

    [Fact]
    public void Batches_AreBoundedByCountAndByBytes_AndAnOversizedMessageTravelsAlone()
    {
        var messages = new[] { 10L, 10, 10, 10, 10, 95, 10 }.Select((size, i) => new ServerMessage(i, $"u{i}", size)).ToList();

        var batches = UidDiff.Batches(messages, maxMessages: 3, maxBytes: 40).Select(b => b.Select(m => m.Index).ToArray()).ToList();

        Assert.Equal([[0, 1, 2], [3, 4], [5], [6]], batches);
    }

    [Theory]
    [InlineData(nameof(RetrievalPolicy.KeepOnServer), null, false)]
    [InlineData(nameof(RetrievalPolicy.DeleteFromServer), null, true)]
    [InlineData(nameof(RetrievalPolicy.DeleteAfterDays), 0, true)]
    [InlineData(nameof(RetrievalPolicy.DeleteAfterDays), 3, false)]
    public void RetrievalRule_DeletesOnCommit_OnlyWhenTheMessageMayGoAtOnce(string policy, int? days, bool expected)
    {
        Assert.Equal(expected, new RetrievalRule(Enum.Parse<RetrievalPolicy>(policy), days).DeletesOnCommit);
    }

    private static LedgerFacts Stored(DateTimeOffset firstSeen) => new(true, firstSeen, false);

    private static Dictionary<string, LedgerFacts> Ledger(params (string Uid, LedgerFacts Facts)[] entries) =>
        entries.ToDictionary(e => e.Uid, e => e.Facts, StringComparer.Ordinal);
}
