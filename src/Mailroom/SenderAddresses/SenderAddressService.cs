using System.Security.Cryptography;
using Mailroom.Accounts;
using Mailroom.Data;
using Mailroom.Network;
using Mailroom.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mailroom.SenderAddresses;

/// <summary>
/// A user's Send Mail As addresses. Every method takes the owner's id and treats another user's address exactly like a
/// missing one. Own-server settings are saved only after a successful test of exactly those settings; an address the
/// server did not sign in for is proven by email instead.
/// </summary>
internal sealed partial class SenderAddressService(
    MailroomDbContext db,
    SmtpServerTester tester,
    SmtpGuidance guidance,
    SmtpPasswordProtector smtpPasswords,
    Pop3PasswordProtector pop3Passwords,
    AddressVerification verification,
    ServerTestThrottle throttle,
    TimeProvider time,
    ILogger<SenderAddressService> logger)
{
    private const string UnreadablePassword = "Mailroom can no longer read the saved password (its encryption key is gone). Type the password again.";

    internal const string PasswordForNewEndpoint =
        "You changed the server, port, security or user name: type the password again. Mailroom sends a saved password only to the server it was saved for.";

    private static readonly ConnectionVerdict Throttled = new("throttled", "too-many-tests", "Too many tests", ServerTestThrottle.Message,
        "Check the settings in the meantime: a wrong password does not start working by trying it again.");

    public async Task<IReadOnlyList<SenderAddressSummary>> ListAsync(string ownerId, CancellationToken cancellationToken)
    {
        var addresses = await Owned(ownerId).AsNoTracking().OrderBy(a => a.NormalizedAddress).ToListAsync(cancellationToken);
        return await SummarizeAsync(ownerId, addresses, cancellationToken);
    }

    public async Task<SenderAddressSummary?> GetAsync(string ownerId, Guid addressId, CancellationToken cancellationToken)
    {
        var address = await Owned(ownerId).AsNoTracking().SingleOrDefaultAsync(a => a.Id == addressId, cancellationToken);
        return address is null ? null : (await SummarizeAsync(ownerId, [address], cancellationToken))[0];
    }

    /// <summary>The outgoing step after an incoming account is added: its address, and an own server guessed from the POP3 server.</summary>
    public async Task<SenderAddressInput?> SuggestForAccountAsync(string ownerId, Guid accountId, CancellationToken cancellationToken)
    {
        var account = await OwnedAccounts(ownerId).AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return null;
        }

        var security = account.UseSsl ? MailTransportSecurity.SslOnConnect : MailTransportSecurity.StartTls;
        return new SenderAddressInput
        {
            Address = account.EmailAddress,
            AccountId = account.Id,
            Route = SendingRoute.OwnServer,
            SmtpHost = GuessSmtpHost(account.Host, account.EmailAddress),
            SmtpPort = SmtpServerSettings.DefaultPort(security),
            SmtpSecurity = security,
            SmtpUserName = account.UserName,
        };
    }

    /// <summary>Tests own-server settings without saving them. A blank password means the saved one, or the linked account's.</summary>
    public async Task<SmtpRouteTestOutcome> TestAsync(string ownerId, Guid? addressId, SenderAddressInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var existing = addressId is { } id ? await Owned(ownerId).AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) : null;
        if (addressId is not null && existing is null)
        {
            return SmtpRouteTestOutcome.NotFound;
        }

        var errors = SenderAddressInputValidator.Validate(input with { Route = SendingRoute.OwnServer });
        var settings = await ServerSettingsAsync(ownerId, existing, input, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return new(SmtpRouteTestStatus.Invalid, Errors: errors);
        }

        if (!throttle.TryAcquire(ownerId, settings!.Host, settings.Port))
        {
            return new(SmtpRouteTestStatus.Failed, Verdict: Throttled);
        }

        var result = await tester.TestAsync(settings, cancellationToken);
        return result.Failure is { } failure
            ? new(SmtpRouteTestStatus.Failed, result, guidance.DescribeTest(failure))
            : new(SmtpRouteTestStatus.Succeeded, result);
    }

    /// <summary>Saves an address; <c>confirmationPage</c> is the absolute address of the page that takes verification links.</summary>
    public async Task<SenderAddressSaveResult> SaveAsync(string ownerId, Guid? addressId, SenderAddressInput input, Uri confirmationPage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var address = addressId is { } id ? await Owned(ownerId).SingleOrDefaultAsync(a => a.Id == id, cancellationToken) : null;
        if (addressId is not null && address is null)
        {
            return SenderAddressSaveResult.NotFound;
        }

        var errors = SenderAddressInputValidator.Validate(input);
        var normalized = SenderAddress.Normalize(input.Address);
        if (await Owned(ownerId).AnyAsync(a => a.NormalizedAddress == normalized && a.Id != addressId, cancellationToken))
        {
            errors[nameof(input.Address)] = ["You already have this address in Send Mail As."];
        }

        if (input.AccountId is { } accountId && !await OwnedAccounts(ownerId).AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            errors[nameof(input.AccountId)] = ["Choose one of your mail accounts."];
        }

        var server = input.Route == SendingRoute.OwnServer ? await ServerSettingsAsync(ownerId, address, input, errors, cancellationToken) : null;
        if (errors.Count > 0)
        {
            return SenderAddressSaveResult.Invalid(errors);
        }

        var notices = new List<string>();
        var signedIn = false;
        if (server is not null)
        {
            if (!throttle.TryAcquire(ownerId, server.Host, server.Port))
            {
                return SenderAddressSaveResult.TestFailed(Throttled);
            }

            var test = await tester.TestAsync(server, cancellationToken);
            if (test.Failure is { } failure)
            {
                return SenderAddressSaveResult.TestFailed(guidance.DescribeTest(failure));
            }

            signedIn = test.SignedIn;
        }

        var isNew = address is null;
        address ??= new SenderAddress { OwnerId = ownerId, Address = "", NormalizedAddress = "", CreatedAt = time.GetUtcNow() };
        Apply(address, input, normalized, server, signedIn);
        if (isNew)
        {
            db.SenderAddresses.Add(address);
        }

        await db.SaveChangesAsync(cancellationToken);
        LogSaved(logger, address.Id, address.Route, address.IsVerified);
        if (address.VerifiedBy == AddressProof.SmtpSignIn)
        {
            notices.Add("The SMTP server accepted your sign-in: you can send from this address now.");
        }

        foreach (var target in Enum.GetValues<VerificationTarget>())
        {
            var issued = await verification.IssueAsync(address, target, confirmationPage, cancellationToken);
            if (issued.Status is not ResendStatus.NothingToVerify)
            {
                notices.Add(issued.Message);
            }
        }

        return new(SenderAddressSaveStatus.Saved, await GetAsync(ownerId, address.Id, cancellationToken), Notices: notices);
    }

    public async Task<bool> DeleteAsync(string ownerId, Guid addressId, CancellationToken cancellationToken)
    {
        var deleted = await Owned(ownerId).Where(a => a.Id == addressId).ExecuteDeleteAsync(cancellationToken) > 0;
        if (deleted)
        {
            LogDeleted(logger, addressId);
        }

        return deleted;
    }

    private void Apply(SenderAddress address, SenderAddressInput input, string normalized, SmtpServerSettings? server, bool signedIn)
    {
        var addressChanged = address.NormalizedAddress != normalized;
        var routeChanged = address.Route != input.Route || server is null != (address.SmtpHost is null)
            || (server is not null && (server.Host != address.SmtpHost || server.Port != address.SmtpPort || server.Security != address.SmtpSecurity || server.UserName != address.SmtpUserName));

        // A sign-in proves the address only for the server that accepted it; a link or code proves the mailbox itself.
        if (addressChanged || (routeChanged && address.VerifiedBy == AddressProof.SmtpSignIn))
        {
            address.VerifiedAt = null;
            address.VerifiedBy = null;
        }

        address.Address = input.Address.Trim();
        address.NormalizedAddress = normalized;
        address.DisplayName = input.DisplayName?.Trim() ?? "";
        address.AccountId = input.AccountId;
        address.Route = input.Route;
        address.SmtpHost = server?.Host;
        address.SmtpPort = server?.Port;
        address.SmtpSecurity = server?.Security;
        address.SmtpUserName = server?.UserName;
        address.ProtectedSmtpPassword = server is { SignsIn: true } ? smtpPasswords.Protect(server.Password ?? "") : null;
        address.SmtpPasswordRejectedAt = null;
        // A sign-in proves only the mailbox the server plainly gave access to: an address equal to the user name.
        // Anything else (an alias, or someone else's address with these credentials) is proven by email.
        if (signedIn && !address.IsVerified && SenderAddress.Normalize(server!.UserName!) == normalized)
        {
            address.VerifiedAt = time.GetUtcNow();
            address.VerifiedBy = AddressProof.SmtpSignIn;
        }

        var replyTo = string.IsNullOrWhiteSpace(input.ReplyTo) ? null : input.ReplyTo.Trim();
        if (replyTo is not null && SenderAddress.Normalize(replyTo) == normalized)
        {
            // Replies go to the From address anyway.
            replyTo = null;
        }

        if (!string.Equals(replyTo is null ? null : SenderAddress.Normalize(replyTo), address.ReplyTo is null ? null : SenderAddress.Normalize(address.ReplyTo), StringComparison.Ordinal))
        {
            address.ReplyToVerifiedAt = null;
        }

        address.ReplyTo = replyTo;
    }

    /// <summary>The server settings to test and save, with the password resolved: typed, else saved, else the linked account's incoming one.</summary>
    private async Task<SmtpServerSettings?> ServerSettingsAsync(
        string ownerId, SenderAddress? existing, SenderAddressInput input, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var userName = string.IsNullOrWhiteSpace(input.SmtpUserName) ? null : input.SmtpUserName.Trim();
        var security = input.SmtpSecurity;
        var port = input.SmtpPort ?? SmtpServerSettings.DefaultPort(security);
        var host = (input.SmtpHost ?? "").Trim().TrimEnd('.').ToLowerInvariant();
        string? password = null;
        if (userName is not null)
        {
            password = input.HasNewPassword ? input.SmtpPassword : null;
            var savedHere = existing is { ProtectedSmtpPassword: { } saved }
                && existing.SmtpHost == host && existing.SmtpPort == port && existing.SmtpSecurity == security && existing.SmtpUserName == userName;
            if (password is null && savedHere)
            {
                password = TryUnprotect(() => smtpPasswords.Unprotect(existing!.ProtectedSmtpPassword!), existing!.Id);
            }

            var accountPassword = false;
            if (password is null && input.AccountId is { } accountId)
            {
                // The incoming password goes only to the same host and user name: the provider it belongs to.
                var account = await OwnedAccounts(ownerId).AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
                if (account is { ProtectedPassword.Length: > 0 } && account.Host == host && account.UserName == userName)
                {
                    accountPassword = true;
                    password = TryUnprotect(() => pop3Passwords.Unprotect(account.ProtectedPassword), account.Id);
                }
            }

            if (password is null)
            {
                errors[nameof(input.SmtpPassword)] = [(savedHere || accountPassword) ? UnreadablePassword
                    : existing?.ProtectedSmtpPassword is null ? "Enter the password for the outgoing server." : PasswordForNewEndpoint];
            }
        }

        return new SmtpServerSettings(host, port, security, userName, password);
    }

    private async Task<List<SenderAddressSummary>> SummarizeAsync(string ownerId, List<SenderAddress> addresses, CancellationToken cancellationToken)
    {
        var accountIds = addresses.Where(a => a.AccountId is not null).Select(a => a.AccountId!.Value).Distinct().ToList();
        var accountNames = await OwnedAccounts(ownerId)
            .Where(a => accountIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.DisplayName, cancellationToken);
        var pending = await verification.PendingStatesAsync(addresses, cancellationToken);
        return [.. addresses.Select(a => SenderAddressSummary.From(
            a,
            a.AccountId is { } id ? accountNames.GetValueOrDefault(id) : null,
            pending[(a.Id, VerificationTarget.Address)],
            pending[(a.Id, VerificationTarget.ReplyTo)]))];
    }

    private string? TryUnprotect(Func<string> unprotect, Guid id)
    {
        try
        {
            return unprotect();
        }
        catch (CryptographicException)
        {
            LogPasswordUnreadable(logger, id);
            return null;
        }
    }

    /// <summary>pop.example.com gives smtp.example.com; otherwise smtp. plus the address's domain.</summary>
    internal static string GuessSmtpHost(string pop3Host, string emailAddress)
    {
        foreach (var prefix in new[] { "pop3.", "pop." })
        {
            if (pop3Host.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return "smtp." + pop3Host[prefix.Length..];
            }
        }

        var at = emailAddress.LastIndexOf('@');
        return at >= 0 ? "smtp." + emailAddress[(at + 1)..] : pop3Host;
    }

    private IQueryable<SenderAddress> Owned(string ownerId) => db.SenderAddressesOf(ownerId);

    private IQueryable<Pop3Account> OwnedAccounts(string ownerId) => db.AccountsOf(ownerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sender address {AddressId} saved (route {Route}, verified: {Verified})")]
    private static partial void LogSaved(ILogger logger, Guid addressId, SendingRoute route, bool verified);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sender address {AddressId} deleted")]
    private static partial void LogDeleted(ILogger logger, Guid addressId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A stored password for {Id} cannot be decrypted (Data Protection key missing)")]
    private static partial void LogPasswordUnreadable(ILogger logger, Guid id);
}
