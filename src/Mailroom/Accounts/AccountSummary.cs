using Mailroom.Fetching;

namespace Mailroom.Accounts;

internal enum AccountStatus
{
    Active,
    Fetching,

    /// <summary>Active, but the last fetch failed (for a reason that does not disable it, e.g. the server was unreachable).</summary>
    Error,
    Disabled,
}

/// <summary>One row of the Mail Accounts list: the account without its password, with its state and message count.</summary>
internal sealed record AccountSummary(
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
    /// <param name="account">The account.</param>
    /// <param name="messageCount">Messages fetched from it and still stored.</param>
    /// <param name="fetch">The fetcher's view (null before its first schedule): running now, or the last failure since the last success.</param>
    public static AccountSummary From(Pop3Account account, int messageCount, FetchStatus? fetch)
    {
        ArgumentNullException.ThrowIfNull(account);
        var (status, reason) = (account.State, fetch) switch
        {
            (AccountState.Disabled, _) => (AccountStatus.Disabled, account.DisabledReason),
            (_, { IsFetching: true }) => (AccountStatus.Fetching, null),
            (_, { ConsecutiveFailures: > 0, LastFailureMessage: { } failure }) => (AccountStatus.Error, failure),
            _ => (AccountStatus.Active, (string?)null),
        };
        return new AccountSummary(account.Id, account.DisplayName, account.EmailAddress, account.Host, account.Port, account.UseSsl,
            account.UserName, account.AfterRetrieval, account.DeleteAfterDays, status, reason, account.LastSuccessfulFetchAt, messageCount);
    }
}
