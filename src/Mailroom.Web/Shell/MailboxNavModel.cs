using Mailroom.Accounts;

namespace Mailroom.Web.Shell;

/// <summary>What the left pane shows. Grows with the product (unread counts, fetch state): add it here and in the view.</summary>
public sealed record MailboxNavModel(bool AllMailSelected, IReadOnlyList<MailboxNavAccount> Accounts);

public sealed record MailboxNavAccount(Guid Id, string DisplayName, string EmailAddress, AccountState State, bool Selected)
{
    /// <summary>The main pane filtered to this account.</summary>
    public string Href => $"/?account={Id}";

    /// <summary>The CSS modifier of the account's status dot (<c>status-dot--active</c>, <c>status-dot--disabled</c>).</summary>
    public string StateClass => State.ToString().ToLowerInvariant();
}
