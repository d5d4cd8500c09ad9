using System.Security.Cryptography;
using Mailroom.Data;
using Mailroom.Fetching;
using Mailroom.Live;
using Mailroom.Messages;
using Mailroom.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mailroom.Accounts;

/// <summary>
/// A user's POP3 accounts. Every method takes the owner's id and treats another user's account exactly like a
/// missing one. Connection settings are only ever saved after a successful test of exactly those settings.
/// </summary>
internal sealed partial class Pop3AccountService(
    MailroomDbContext db,
    Pop3AccountTester tester,
    AccountTestGuidance guidance,
    TestApprovals approvals,
    Pop3PasswordProtector passwords,
    FetchRequests fetchRequests,
    ServerTestThrottle throttle,
    TimeProvider time,
    ILogger<Pop3AccountService> logger)
{
    private const string UnreadablePassword =
        "Mailroom can no longer read the stored password (its encryption key is gone). Type the password again.";

    internal const string PasswordForNewEndpoint =
        "You changed the server, port, security or user name: type the password again. Mailroom sends a saved password only to the server it was saved for.";

    public async Task<IReadOnlyList<AccountSummary>> ListAsync(string ownerId, CancellationToken cancellationToken)
    {
        var accounts = await Owned(ownerId).AsNoTracking().OrderBy(a => a.DisplayName).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var counts = await db.MessagesOf(ownerId)
            // Fetched mail only: copies of mail sent from the account are not what the account brought in.
            .Where(m => m.Folder == MailFolder.Inbox)
            .GroupBy(m => m.AccountId)
            .Select(g => new { AccountId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.AccountId, g => g.Count, cancellationToken);
        var fetches = await FetchStatusesAsync([.. accounts.Select(a => a.Id)], cancellationToken);
        return [.. accounts.Select(a => AccountSummary.From(a, counts.GetValueOrDefault(a.Id), fetches.GetValueOrDefault(a.Id)))];
    }

    /// <summary>The state of one of the owner's accounts; null when it is another user's or deleted. Cheap enough for every poll.</summary>
    public Task<AccountState?> FindStateAsync(string ownerId, Guid accountId, CancellationToken cancellationToken) =>
        Owned(ownerId).Where(a => a.Id == accountId).Select(a => (AccountState?)a.State).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The state with the reason a disabled account was stopped, for pages that say why Fetch now cannot run.</summary>
    public Task<AccountStanding?> FindStandingAsync(string ownerId, Guid accountId, CancellationToken cancellationToken) =>
        Owned(ownerId).Where(a => a.Id == accountId).Select(a => new AccountStanding(a.State, a.DisabledReason)).FirstOrDefaultAsync(cancellationToken);

    public async Task<AccountSummary?> GetAsync(string ownerId, Guid accountId, CancellationToken cancellationToken)
    {
        var account = await Owned(ownerId).AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return null;
        }

        var count = await db.MessagesOf(ownerId).CountAsync(m => m.AccountId == accountId && m.Folder == MailFolder.Inbox, cancellationToken);
        var fetches = await FetchStatusesAsync([accountId], cancellationToken);
        return AccountSummary.From(account, count, fetches.GetValueOrDefault(accountId));
    }

    /// <summary>Tests settings without saving them. With <paramref name="accountId"/>, a blank password means the account's stored one.</summary>
    public async Task<AccountTestOutcome> TestAsync(string ownerId, Guid? accountId, Pop3AccountInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = Pop3AccountInputValidator.Validate(input, passwordRequired: accountId is null);
        string? password = input.Password;
        if (accountId is { } id)
        {
            var account = await Owned(ownerId).AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (account is null)
            {
                return AccountTestOutcome.NotFound;
            }

            if (!input.HasNewPassword)
            {
                password = StoredPasswordFor(account, input, errors);
            }
        }

        if (errors.Count > 0)
        {
            return AccountTestOutcome.Invalid(errors);
        }

        var settings = Settings(input, password!);
        return await RunTestAsync(ownerId, settings, cancellationToken);
    }

    /// <summary>Saves a new account; <paramref name="approvalToken"/> must come from a successful test of exactly these settings.</summary>
    public async Task<AccountChangeResult> CreateAsync(string ownerId, Pop3AccountInput input, string? approvalToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var password = input.HasNewPassword ? input.Password : approvals.Read(ownerId, approvalToken)?.Password;
        var errors = Pop3AccountInputValidator.Validate(input with { Password = password }, passwordRequired: true);
        if (errors.Count > 0)
        {
            return AccountChangeResult.Invalid(errors);
        }

        var settings = Settings(input, password!);
        if (approvals.Read(ownerId, approvalToken) != settings)
        {
            return AccountChangeResult.TestRequired;
        }

        var account = new Pop3Account
        {
            OwnerId = ownerId,
            DisplayName = input.DisplayName.Trim(),
            EmailAddress = input.EmailAddress.Trim(),
            Host = settings.Host,
            Port = settings.Port,
            UseSsl = settings.UseSsl,
            UserName = settings.UserName,
            ProtectedPassword = passwords.Protect(settings.Password),
            AfterRetrieval = input.AfterRetrieval,
            DeleteAfterDays = input.AfterRetrieval == RetrievalPolicy.DeleteAfterDays ? input.DeleteAfterDays : null,
            State = AccountState.Active,
            CreatedAt = time.GetUtcNow(),
        };
        db.Pop3Accounts.Add(account);
        MailboxEvents.Add(db, ownerId, account.Id, MailboxChange.Account, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await fetchRequests.RequestAsync(account.Id, cancellationToken);
        LogCreated(logger, account.Id);
        return AccountChangeResult.Saved(account);
    }

    /// <summary>
    /// Changes an account. Display name, address and retrieval policy change freely; a change of server, port, SSL,
    /// user name or password needs an approval token for exactly the new settings. A blank password keeps the stored one.
    /// </summary>
    public async Task<AccountChangeResult> UpdateAsync(string ownerId, Guid accountId, Pop3AccountInput input, string? approvalToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var account = await Owned(ownerId).SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return AccountChangeResult.NotFound;
        }

        var errors = Pop3AccountInputValidator.Validate(input, passwordRequired: false);
        var storedPassword = TryUnprotect(account);
        // A blank password means the one just tested for these settings (the form keeps it only in the token), else the stored one.
        var approved = approvals.Read(ownerId, approvalToken);
        var password = input.HasNewPassword ? input.Password
            : approved is not null && approved.SameEndpoint(Settings(input, "")) ? approved.Password
            : StoredPasswordFor(account, input, errors);

        if (errors.Count > 0)
        {
            return AccountChangeResult.Invalid(errors);
        }

        var settings = Settings(input, password!);
        var current = storedPassword is null ? null : new Pop3ConnectionSettings(account.Host, account.Port, account.UseSsl, account.UserName, storedPassword);
        if (settings != current)
        {
            if (approved != settings)
            {
                return AccountChangeResult.TestRequired;
            }

            account.Host = settings.Host;
            account.Port = settings.Port;
            account.UseSsl = settings.UseSsl;
            account.UserName = settings.UserName;
            account.ProtectedPassword = passwords.Protect(settings.Password);

            // Disabled because the server refused the old password: the new settings just passed a test, so fetching resumes at once.
            if (account.State == AccountState.Disabled && account.ConsecutiveAuthenticationFailures > 0)
            {
                account.State = AccountState.Active;
                account.DisabledReason = null;
                LogEnabled(logger, account.Id);
            }

            // The old failures were about the old settings.
            account.ConsecutiveAuthenticationFailures = 0;
        }

        account.DisplayName = input.DisplayName.Trim();
        account.EmailAddress = input.EmailAddress.Trim();
        account.AfterRetrieval = input.AfterRetrieval;
        account.DeleteAfterDays = input.AfterRetrieval == RetrievalPolicy.DeleteAfterDays ? input.DeleteAfterDays : null;
        MailboxEvents.Add(db, ownerId, account.Id, MailboxChange.Account, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        if (settings != current)
        {
            // New settings deserve a fetch now rather than after the old settings' backoff.
            await fetchRequests.RequestAsync(account.Id, cancellationToken);
        }

        LogUpdated(logger, account.Id);
        return AccountChangeResult.Saved(account);
    }

    /// <summary>Enables an account only if a test of its stored settings succeeds now.</summary>
    public async Task<AccountTestOutcome> EnableAsync(string ownerId, Guid accountId, CancellationToken cancellationToken)
    {
        var account = await Owned(ownerId).SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return AccountTestOutcome.NotFound;
        }

        var password = TryUnprotect(account);
        if (password is null)
        {
            return AccountTestOutcome.Invalid(new Dictionary<string, string[]> { ["Password"] = [UnreadablePassword] });
        }

        var outcome = await RunTestAsync(ownerId, new Pop3ConnectionSettings(account.Host, account.Port, account.UseSsl, account.UserName, password), cancellationToken);
        if (outcome.Status == AccountTestStatus.Succeeded)
        {
            account.State = AccountState.Active;
            account.DisabledReason = null;
            account.ConsecutiveAuthenticationFailures = 0;
            MailboxEvents.Add(db, ownerId, account.Id, MailboxChange.Account, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await fetchRequests.RequestAsync(account.Id, cancellationToken);
            LogEnabled(logger, account.Id);
        }

        return outcome;
    }

    public async Task<bool> DisableAsync(string ownerId, Guid accountId, CancellationToken cancellationToken)
    {
        var changed = await Owned(ownerId).Where(a => a.Id == accountId).ExecuteUpdateAsync(
            set => set.SetProperty(a => a.State, AccountState.Disabled).SetProperty(a => a.DisabledReason, "You disabled this account."),
            cancellationToken);
        if (changed > 0)
        {
            await MailboxEvents.AppendAsync(db, ownerId, accountId, MailboxChange.Account, time.GetUtcNow(), cancellationToken);
            LogDisabledByOwner(logger, accountId);
        }

        return changed > 0;
    }

    /// <summary>
    /// Deletes an account. Keeping its mail leaves the row as a tombstone (<see cref="AccountState.Deleted"/>, password
    /// wiped) so that the kept messages still point at a real account; removing it deletes the row, and the database
    /// cascades to its messages and their raw bytes.
    /// </summary>
    public async Task<bool> DeleteAsync(string ownerId, Guid accountId, FetchedMailOnDelete fetchedMail, CancellationToken cancellationToken)
    {
        var account = Owned(ownerId).Where(a => a.Id == accountId);
        var changed = fetchedMail == FetchedMailOnDelete.Remove
            ? await account.ExecuteDeleteAsync(cancellationToken)
            : await account.ExecuteUpdateAsync(
                set => set
                    .SetProperty(a => a.State, AccountState.Deleted)
                    .SetProperty(a => a.DeletedAt, time.GetUtcNow())
                    .SetProperty(a => a.ProtectedPassword, "")
                    .SetProperty(a => a.DisabledReason, (string?)null),
                cancellationToken);
        if (changed > 0)
        {
            await MailboxEvents.AppendAsync(db, ownerId, accountId, MailboxChange.Account, time.GetUtcNow(), cancellationToken);
            LogDeleted(logger, accountId, fetchedMail);
        }

        return changed > 0;
    }

    private IQueryable<Pop3Account> Owned(string ownerId) => db.AccountsOf(ownerId);

    private async Task<Dictionary<Guid, FetchStatus>> FetchStatusesAsync(List<Guid> accountIds, CancellationToken cancellationToken)
    {
        var states = await db.AccountFetchStates.AsNoTracking().Where(s => accountIds.Contains(s.AccountId)).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return states.ToDictionary(s => s.AccountId, s => FetchStatusReader.ToStatus(s, now));
    }

    private async Task<AccountTestOutcome> RunTestAsync(string ownerId, Pop3ConnectionSettings settings, CancellationToken cancellationToken)
    {
        if (!throttle.TryAcquire(ownerId, settings.Host, settings.Port))
        {
            return AccountTestOutcome.Failed(new ConnectionVerdict("throttled", "too-many-tests", "Too many tests", ServerTestThrottle.Message,
                "Check the settings in the meantime: a wrong password does not start working by trying it again."));
        }

        var result = await tester.TestAsync(settings, cancellationToken);
        return result.Report is { } report
            ? AccountTestOutcome.Succeeded(report, approvals.Issue(ownerId, settings))
            : AccountTestOutcome.Failed(guidance.Describe(result.Failure!));
    }

    /// <summary>The account's stored password, if the input keeps the endpoint it was saved with; otherwise an error asking for it.</summary>
    private string? StoredPasswordFor(Pop3Account account, Pop3AccountInput input, Dictionary<string, string[]> errors)
    {
        var saved = new Pop3ConnectionSettings(account.Host, account.Port, account.UseSsl, account.UserName, "");
        if (!saved.SameEndpoint(Settings(input, "")))
        {
            errors[nameof(input.Password)] = [PasswordForNewEndpoint];
            return null;
        }

        var password = TryUnprotect(account);
        if (password is null)
        {
            errors[nameof(input.Password)] = [UnreadablePassword];
        }

        return password;
    }

    private string? TryUnprotect(Pop3Account account)
    {
        try
        {
            return passwords.Unprotect(account.ProtectedPassword);
        }
        catch (CryptographicException)
        {
            LogPasswordUnreadable(logger, account.Id);
            return null;
        }
    }

    private static Pop3ConnectionSettings Settings(Pop3AccountInput input, string password) =>
        Pop3ConnectionSettings.Normalized(input.Host, input.Port, input.UseSsl, input.EffectiveUserName, password);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} created")]
    private static partial void LogCreated(ILogger logger, Guid accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} updated")]
    private static partial void LogUpdated(ILogger logger, Guid accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} enabled after a successful test")]
    private static partial void LogEnabled(ILogger logger, Guid accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} disabled by its owner")]
    private static partial void LogDisabledByOwner(ILogger logger, Guid accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} deleted; fetched mail: {FetchedMail}")]
    private static partial void LogDeleted(ILogger logger, Guid accountId, FetchedMailOnDelete fetchedMail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored password of account {AccountId} cannot be decrypted (Data Protection key missing)")]
    private static partial void LogPasswordUnreadable(ILogger logger, Guid accountId);
}
