using Mailroom.Messages;
using Mailroom.Sending;
using Mailroom.Sending.Compose;
using Mailroom.Sending.Queue;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Tests.Sending;

public sealed class SendQueueStoreTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task QueuedMessage_IsNotClaimedBeforeTheUndoDelayEnds_ThenByOneNodeOnly()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var queued = await QueueAsync(bed, await SenderAsync(bed));

        bed.Time.Advance(bed.SendingOptions.UndoDelay - TimeSpan.FromMilliseconds(1));
        Assert.Empty(await bed.Queue().ClaimDueAsync("node-a", 10, Lease, CancellationToken.None));

        bed.Time.Advance(TimeSpan.FromMilliseconds(1));
        var claimed = Assert.Single(await bed.Queue().ClaimDueAsync("node-a", 10, Lease, CancellationToken.None));
        Assert.Empty(await bed.Queue().ClaimDueAsync("node-b", 10, Lease, CancellationToken.None));
        Assert.Equal((queued.QueuedId, false), (claimed.Id, claimed.Interrupted));
        Assert.Empty(bed.Smtp.Deliveries);
    }

    [Fact]
    public async Task Undo_BeforeAClaim_StopsTheMessage_AndAfterAClaimIsTooLate()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var sender = await SenderAsync(bed);
        var undone = await QueueAsync(bed, sender);
        var claimed = await QueueAsync(bed, sender);

        Assert.Equal(UndoOutcome.Undone, await bed.Queue().UndoAsync(SendingTestBed.Owner, undone.QueuedId!.Value, CancellationToken.None));
        Assert.Equal(UndoOutcome.NotFound, await bed.Queue().UndoAsync(SendingTestBed.OtherUser, claimed.QueuedId!.Value, CancellationToken.None));
        bed.Time.Advance(bed.SendingOptions.UndoDelay);
        Assert.Equal(claimed.QueuedId, Assert.Single(await bed.Queue().ClaimDueAsync("node-a", 10, Lease, CancellationToken.None)).Id);

        Assert.Equal(UndoOutcome.TooLate, await bed.Queue().UndoAsync(SendingTestBed.Owner, claimed.QueuedId!.Value, CancellationToken.None));
    }

    [Fact]
    public async Task SendTakenOverFromADeadNode_WithItsSentCopyFiled_IsMarkedSent_AndNotHandedOverAgain()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var account = await bed.AddAccountAsync();
        var queued = await QueueAsync(bed, await SenderAsync(bed, account.Id));
        bed.Time.Advance(bed.SendingOptions.UndoDelay);
        Assert.Single(await bed.Queue().ClaimDueAsync("node-a", 10, Lease, CancellationToken.None));

        // Node A handed it over and filed the copy, then died before it could mark the row.
        var content = await bed.Db.QueuedMessages.Where(m => m.Id == queued.QueuedId).Select(m => m.Content).SingleAsync();
        var copy = MessageSummaryParser.Parse(content, bed.Time.GetUtcNow()).ToStoredMessage(account.Id, SendingTestBed.Owner, MailFolder.Sent, content, bed.Time.GetUtcNow());
        bed.Db.Messages.Add(copy);
        await bed.Db.SaveChangesAsync();
        bed.Db.ChangeTracker.Clear();

        bed.Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var takenOver = Assert.Single(await bed.Queue().ClaimDueAsync("node-b", 10, Lease, CancellationToken.None));
        var result = await bed.Delivery().DeliverAsync(takenOver, CancellationToken.None);

        Assert.True(takenOver.Interrupted);
        Assert.Equal((SendStatus.Sent, copy.Id), (result.Status, result.SentCopyId));
        Assert.Empty(bed.Smtp.Deliveries);
        Assert.Equal(QueuedMessageState.Sent, (await bed.Queue().FindAsync(SendingTestBed.Owner, queued.QueuedId!.Value, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task SendTakenOverFromADeadNode_WithoutASentCopy_FailsWithWords_RatherThanGoingTwice()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var queued = await QueueAsync(bed, await SenderAsync(bed));
        bed.Time.Advance(bed.SendingOptions.UndoDelay);
        Assert.Single(await bed.Queue().ClaimDueAsync("node-a", 10, Lease, CancellationToken.None));

        bed.Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var takenOver = Assert.Single(await bed.Queue().ClaimDueAsync("node-b", 10, Lease, CancellationToken.None));
        var result = await bed.Delivery().DeliverAsync(takenOver, CancellationToken.None);

        Assert.Equal((SendStatus.Failed, "interrupted"), (result.Status, result.Verdict?.Kind));
        Assert.Empty(bed.Smtp.Deliveries);
        var row = (await bed.Queue().FindAsync(SendingTestBed.Owner, queued.QueuedId!.Value, CancellationToken.None))!;
        Assert.Equal(QueuedMessageState.Failed, row.State);
        Assert.Contains("not sent again", row.FailureGuidance, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DueMessage_IsHandedOverOnce_WithItsBccRecipients_AndFiledAsSent()
    {
        await using var bed = await SendingTestBed.CreateAsync();
        var account = await bed.AddAccountAsync();
        var queued = await QueueAsync(bed, await SenderAsync(bed, account.Id));
        bed.Time.Advance(bed.SendingOptions.UndoDelay);

        var claim = Assert.Single(await bed.Queue().ClaimDueAsync("node-a", 10, Lease, CancellationToken.None));
        var result = await bed.Delivery().DeliverAsync(claim, CancellationToken.None);

        Assert.Equal(SendStatus.Sent, result.Status);
        var delivery = Assert.Single(bed.Smtp.Deliveries);
        Assert.Equal(["carol@example.test", "secret@example.test"], delivery.Recipients);
        var copy = await bed.Db.Messages.Include(m => m.Raw).AsNoTracking().SingleAsync();
        Assert.Equal((MailFolder.Sent, queued.MessageIdHeader), (copy.Folder, copy.MessageIdHeader));
        Assert.Equal(delivery.Data, copy.Raw!.Content);
        Assert.Empty(await bed.Queue().ClaimDueAsync("node-b", 10, Lease, CancellationToken.None));
    }

    private static async Task<Guid> SenderAsync(SendingTestBed bed, Guid? accountId = null) =>
        (await bed.SaveAsync(bed.OwnServerInput() with { AccountId = accountId })).Id;

    private static async Task<SendResult> QueueAsync(SendingTestBed bed, Guid senderId)
    {
        var result = await bed.Outgoing().QueueAsync(SendingTestBed.Owner, new ComposeInput
        {
            FromAddressId = senderId,
            To = "carol@example.test",
            Bcc = "secret@example.test",
            Subject = "Held for undo",
            Body = "Hello",
        }, sendAt: null, CancellationToken.None);
        Assert.Equal(SendStatus.Queued, result.Status);
        bed.Db.ChangeTracker.Clear();
        return result;
    }
}
