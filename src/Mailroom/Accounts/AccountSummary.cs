namespace Mailroom.Accounts;

public enum AccountStatus
{
    Active,
    Fetching,

    /// <summary>Active, but the last fetch failed (for a reason that does not disable it, e.g. the server was unreachable).</summary>
    Error,
    Disabled,
}

/// <summary>One row of the Mail Accounts list: the account without its password, with its state and message count.</summary>
public sealed record AccountSummary(
    Guid Id,
    string DisplayName,
    string EmailAddress,
    string Host,
    int Port,
    bool UseSsl,
    string UserName,
    RetrievalPolicy AfterRetrieval,
    int? DeleteAfterDays,
    AccountStatus Status,
    string? StatusReason,
    DateTimeOffset? LastSuccessfulFetchAt,
    int MessageCount)
{
    public static AccountSummary From(Pop3Account account, int messageCount)
    {
        ArgumentNullException.ThrowIfNull(account);
        var (status, reason) = account switch
        {
            { State: AccountState.Disabled } => (AccountStatus.Disabled, account.DisabledReason),
            { LastFailureMessage: { } failure } => (AccountStatus.Error, failure),
            _ => (AccountStatus.Active, null),
        };
        return new AccountSummary(account.Id, account.DisplayName, account.EmailAddress, account.Host, account.Port, account.UseSsl,
            account.UserName, account.AfterRetrieval, account.DeleteAfterDays, status, reason, account.LastSuccessfulFetchAt, messageCount);
    }
}
