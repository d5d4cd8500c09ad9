using Mailroom.Data;
using Mailroom.Fetching;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Accounts;

/// <summary>Why an account is not fetching as it should, for the banner over its mail and over All mail.</summary>
internal enum AccountTroubleKind
{
    /// <summary>Disabled after the server refused the password repeatedly: the fix is a new password.</summary>
    PasswordRefused,

    /// <summary>The owner disabled it.</summary>
    DisabledByOwner,

    /// <summary>Still active, but its last fetch failed (unreachable server, certificate, ...); it retries by itself.</summary>
    Failing,
}

internal sealed record AccountTrouble(Guid AccountId, string DisplayName, AccountTroubleKind Kind, string? Reason, DateTimeOffset? Since);

/// <summary>The owner's accounts that are in trouble now (one, or all of them), with when their last fetch failed.</summary>
internal sealed class AccountTroubles(MailroomDbContext db)
{
    public async Task<IReadOnlyList<AccountTrouble>> ListAsync(string ownerId, Guid? accountId, CancellationToken cancellationToken)
    {
        var rows = await (
                from account in db.AccountsOf(ownerId).AsNoTracking()
                where accountId == null || account.Id == accountId
                join state in db.AccountFetchStates.AsNoTracking() on account.Id equals state.AccountId into states
                from state in states.DefaultIfEmpty()
                where account.State == AccountState.Disabled || (state != null && state.ConsecutiveFailures > 0)
                orderby account.DisplayName
                select new
                {
                    account.Id,
                    account.DisplayName,
                    account.State,
                    account.DisabledReason,
                    account.ConsecutiveAuthenticationFailures,
                    LastFailure = state == null ? null : state.LastFailureMessage,
                })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Id).ToList();
        var failedAt = await db.FetchRuns.AsNoTracking()
            .Where(r => ids.Contains(r.AccountId) && r.Outcome == FetchOutcome.Failed)
            .GroupBy(r => r.AccountId)
            .Select(g => new { AccountId = g.Key, At = g.Max(r => r.FinishedAt) })
            .ToDictionaryAsync(r => r.AccountId, r => r.At, cancellationToken);
        return [.. rows.Select(r => new AccountTrouble(
            r.Id,
            r.DisplayName,
            r.State != AccountState.Disabled ? AccountTroubleKind.Failing
                : r.ConsecutiveAuthenticationFailures > 0 ? AccountTroubleKind.PasswordRefused
                : AccountTroubleKind.DisabledByOwner,
            r.State == AccountState.Disabled ? r.DisabledReason : r.LastFailure,
            failedAt.GetValueOrDefault(r.Id)))];
    }
}
