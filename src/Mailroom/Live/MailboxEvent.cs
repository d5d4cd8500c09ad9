namespace Mailroom.Live;

/// <summary>
/// One change a signed-in user's open pages should show without a reload. The row says only what changed
/// (the pages read the current state themselves), so a missed or repeated event costs a refresh, never wrong data.
/// Ids only grow: a browser resumes from the last id it saw, on any node.
/// </summary>
internal sealed class MailboxEvent
{
    public long Id { get; init; }

    public required string UserId { get; init; }

    /// <summary>The account it concerns; null for changes across accounts (e.g. messages marked read in All mail).</summary>
    public Guid? AccountId { get; init; }

    public MailboxChange Change { get; init; }

    public DateTimeOffset At { get; init; }
}

/// <summary>What a page redraws on an event of this kind.</summary>
internal enum MailboxChange
{
    /// <summary>New messages were stored: lists, unread counts.</summary>
    Mail = 0,

    /// <summary>Messages were marked read or unread: unread counts, list rows.</summary>
    Read = 1,

    /// <summary>A fetch started, progressed or ended: progress marks, the fetch panel.</summary>
    Fetch = 2,

    /// <summary>The account was added, changed, enabled, disabled or deleted: the left pane, trouble banners.</summary>
    Account = 3,
}
