using Mailroom.Accounts;

namespace Mailroom.Web.Shell;

/// <summary>What the left pane shows. Grows with the product (unread counts, fetch state): add it here and in the view.</summary>
internal sealed record MailboxNavModel(bool AllMailSelected, IReadOnlyList<MailboxNavAccount> Accounts, int AllMailUnread = 0, string AllMailUnreadText = "")
{
    /// <summary>"Sent" of every account together is the list shown.</summary>
    public bool AllSentSelected { get; init; }
}

internal sealed record MailboxNavAccount(Guid Id, string DisplayName, string EmailAddress, AccountStatus Status, string? StatusReason, bool Selected)
{
    /// <summary>Set while a fetch of this account runs: percent of its bytes done (0 until the size is known).</summary>
    public int? FetchPercent { get; init; }

    /// <summary>Unread inbox messages of this account (counted up to the cap; see <see cref="UnreadText"/>).</summary>
    public int Unread { get; init; }

    /// <summary>The unread count as shown ("9,999+" past the cap).</summary>
    public string UnreadText { get; init; } = "";

    /// <summary>This account's sent mail is the list shown (then <see cref="Selected"/> is false).</summary>
    public bool SentSelected { get; init; }

    /// <summary>The main pane filtered to this account.</summary>
    public string Href => $"/?account={Id}";

    /// <summary>The mail sent from this account's addresses.</summary>
    public string SentHref => $"/?account={Id}&folder=sent";

    /// <summary>The CSS modifier of the account's status dot (<c>status-dot--active</c>, <c>--fetching</c>, <c>--error</c>, <c>--disabled</c>).</summary>
    public string StateClass => Status.ToString().ToLowerInvariant();

    /// <summary>The state in words under the name when it needs attention; null while the account simply works.</summary>
    public string? StateLabel => Status switch
    {
        AccountStatus.Disabled => "Disabled",
        AccountStatus.Error => "Last fetch failed",
        _ => null,
    };

    /// <summary>Spoken and shown on hover, so that the dot's colour is never the only sign (e.g. "Disabled: …").</summary>
    public string StatusText => StatusReason is { } reason ? $"{Status}: {reason}" : Status.ToString();
}
