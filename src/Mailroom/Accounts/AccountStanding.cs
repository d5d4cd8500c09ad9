namespace Mailroom.Accounts;

/// <summary>An account's state and, while it is disabled, the reason the user is shown.</summary>
internal sealed record AccountStanding(AccountState State, string? DisabledReason);
