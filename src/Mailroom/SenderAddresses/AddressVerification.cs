using Mailroom.Data;
using Mailroom.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailroom.SenderAddresses;

/// <summary>
/// Proving addresses by email: issuing codes and links (rate-limited), checking entered codes (a few tries each) and
/// followed links. Codes are scoped to their owner; a link is proof in itself, because only the mailbox received it.
/// </summary>
internal sealed partial class AddressVerification(
    MailroomDbContext db,
    VerificationMailer mailer,
    VerificationLinks links,
    TimeProvider time,
    IOptionsMonitor<SenderAddressesOptions> options,
    ILogger<AddressVerification> logger)
{
    public const string LinkTokenParameter = "token";

    public async Task<CodeCheckResult> CheckCodeAsync(string ownerId, Guid addressId, VerificationTarget target, string? typedCode, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        var address = await db.SenderAddressesOf(ownerId).SingleOrDefaultAsync(a => a.Id == addressId, cancellationToken);
        if (address is null)
        {
            return new(CodeCheckStatus.NotFound, "No such address.");
        }

        if (IsDone(address, target))
        {
            return new(CodeCheckStatus.AlreadyVerified, target == VerificationTarget.Address ? "This address is already verified." : "This Reply-To is already verified.");
        }

        var settings = options.CurrentValue;
        var code = await NewestCodeAsync(address, target, cancellationToken);
        if (code is null || code.UsedAt is not null || !SameAddress(code.SentTo, TargetAddress(address, target)))
        {
            return new(CodeCheckStatus.NoPendingCode, "There is no code waiting for this address. Use Resend to get one.");
        }

        if (code.FailedAttempts >= settings.MaxWrongAttempts)
        {
            return Locked();
        }

        if (time.GetUtcNow() >= code.ExpiresAt)
        {
            return new(CodeCheckStatus.Expired, "This code has expired. Use Resend to get a new one.");
        }

        if (!CodeHasher.Matches(CodeHasher.Clean(typedCode), code.Salt, code.Hash))
        {
            // One atomic increment, so that concurrent guesses on several nodes cannot exceed the limit.
            var counted = await db.VerificationCodes
                .Where(c => c.Id == code.Id && c.FailedAttempts < settings.MaxWrongAttempts)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.FailedAttempts, c => c.FailedAttempts + 1), cancellationToken);
            var failed = await db.VerificationCodes.Where(c => c.Id == code.Id).Select(c => c.FailedAttempts).SingleAsync(cancellationToken);
            LogWrongCode(logger, address.Id, target, failed);
            var remaining = settings.MaxWrongAttempts - failed;
            return counted == 0 || remaining <= 0
                ? Locked()
                : new(CodeCheckStatus.Wrong, remaining == 1 ? "That code is not right. 1 try left." : $"That code is not right. {remaining} tries left.", remaining);
        }

        if (!await ConsumeAsync(code, settings.MaxWrongAttempts, cancellationToken))
        {
            return Locked();
        }

        MarkVerified(address, target, AddressProof.Code);
        await db.SaveChangesAsync(cancellationToken);
        LogVerified(logger, address.Id, target, AddressProof.Code);
        return new(CodeCheckStatus.Verified, target == VerificationTarget.Address ? "The address is verified: you can send from it now." : "The Reply-To is verified.");
    }

    /// <summary>What a link stands for, without using it (the page shows this and asks for a deliberate confirmation).</summary>
    public async Task<LinkResult> InspectLinkAsync(string? token, CancellationToken cancellationToken) =>
        (await EvaluateLinkAsync(token, cancellationToken)).Result;

    public async Task<LinkResult> ConfirmLinkAsync(string? token, CancellationToken cancellationToken)
    {
        var (result, address, code) = await EvaluateLinkAsync(token, cancellationToken);
        if (result.Status != LinkStatus.Ready)
        {
            return result;
        }

        if (!await ConsumeAsync(code!, options.CurrentValue.MaxWrongAttempts, cancellationToken))
        {
            return new(LinkStatus.Replaced, "This link has already been used or no longer works.", address!.Address);
        }

        MarkVerified(address!, VerificationTarget.Address, AddressProof.Link);
        await db.SaveChangesAsync(cancellationToken);
        LogVerified(logger, address!.Id, VerificationTarget.Address, AddressProof.Link);
        return new(LinkStatus.Verified, $"{address.Address} is verified: Mailroom may now send mail as this address.", address.Address);
    }

    /// <summary>Mails a new code (and, for the address itself, a link); the previous one stops working.</summary>
    public async Task<ResendResult> ResendAsync(string ownerId, Guid addressId, VerificationTarget target, Uri confirmationPage, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        var address = await db.SenderAddressesOf(ownerId).AsNoTracking().SingleOrDefaultAsync(a => a.Id == addressId, cancellationToken);
        return address is null
            ? new(ResendStatus.NotFound, "No such address.")
            : await IssueAsync(address, target, confirmationPage, cancellationToken);
    }

    /// <summary>Sends a code if one is due and allowed; used after saving and by Resend alike, so saving cannot bypass the rate limit.</summary>
    internal async Task<ResendResult> IssueAsync(SenderAddress address, VerificationTarget target, Uri confirmationPage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(confirmationPage);
        if (IsDone(address, target) || (target == VerificationTarget.ReplyTo && !address.HasReplyTo))
        {
            return new(ResendStatus.NothingToVerify, "There is nothing to verify.");
        }

        var settings = options.CurrentValue;
        var now = time.GetUtcNow();
        var dayAgo = now - TimeSpan.FromDays(1);
        var recent = await db.VerificationCodes
            .Where(c => c.SenderAddressId == address.Id && c.Target == target && c.CreatedAt > dayAgo)
            .Select(c => c.CreatedAt)
            .ToListAsync(cancellationToken);
        if (recent.Count >= settings.MaxCodesPerDay)
        {
            return new(ResendStatus.DailyLimitReached, $"{settings.MaxCodesPerDay} codes were sent to this address in the last 24 hours. Try again tomorrow.",
                recent.Min() + TimeSpan.FromDays(1) - now);
        }

        if (recent.Count > 0 && recent.Max() + settings.ResendInterval > now)
        {
            var wait = recent.Max() + settings.ResendInterval - now;
            return new(ResendStatus.TooSoon, $"A code was sent moments ago. You can ask for another in {Math.Ceiling(wait.TotalSeconds):0} seconds.", wait);
        }

        var clearCode = CodeHasher.NewCode(settings.CodeDigits);
        var (salt, hash) = CodeHasher.Hash(clearCode);
        var code = new VerificationCode
        {
            SenderAddressId = address.Id,
            Target = target,
            SentTo = TargetAddress(address, target),
            Salt = salt,
            Hash = hash,
            CreatedAt = now,
            ExpiresAt = now + settings.CodeLifetime,
        };
        db.VerificationCodes.Add(code);
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            if (target == VerificationTarget.Address)
            {
                await mailer.SendAddressCodeAsync(address, clearCode, LinkFor(confirmationPage, links.Issue(code)), settings.CodeLifetime, cancellationToken);
            }
            else
            {
                await mailer.SendReplyToCodeAsync(address, clearCode, settings.CodeLifetime, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A code nobody received must not count against the limits.
            db.VerificationCodes.Remove(code);
            await db.SaveChangesAsync(CancellationToken.None);
            var failure = MailFailureClassifier.Classify(exception);
            LogMailFailed(logger, address.Id, target, failure.Kind, failure.Reason);
            return new(ResendStatus.MailFailed, "The verification email could not be sent right now. Try Resend again later.");
        }

        LogIssued(logger, address.Id, target);
        var where = mailer.WritesToOutbox ? " (Mailroom has no mail relay configured: it was written to the outbox folder)" : "";
        return new(ResendStatus.Sent, $"A code was sent to {code.SentTo}{where}.");
    }

    /// <summary>State of the newest code per address and target, for listing many addresses in one query.</summary>
    internal async Task<Dictionary<(Guid AddressId, VerificationTarget Target), PendingCodeState>> PendingStatesAsync(
        IReadOnlyCollection<SenderAddress> addresses, CancellationToken cancellationToken)
    {
        var ids = addresses.Select(a => a.Id).ToList();
        var codes = await db.VerificationCodes.AsNoTracking()
            .Where(c => ids.Contains(c.SenderAddressId) && c.UsedAt == null)
            .Select(c => new { c.SenderAddressId, c.Target, c.SentTo, c.CreatedAt, c.ExpiresAt, c.FailedAttempts })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var max = options.CurrentValue.MaxWrongAttempts;
        var states = new Dictionary<(Guid, VerificationTarget), PendingCodeState>();
        foreach (var address in addresses)
        {
            foreach (var target in Enum.GetValues<VerificationTarget>())
            {
                var newest = codes.Where(c => c.SenderAddressId == address.Id && c.Target == target).MaxBy(c => c.CreatedAt);
                var current = newest is not null && !IsDone(address, target)
                    && (target == VerificationTarget.Address || address.HasReplyTo) && SameAddress(newest.SentTo, TargetAddress(address, target));
                states[(address.Id, target)] = !current ? PendingCodeState.None
                    : newest!.FailedAttempts >= max ? PendingCodeState.Locked
                    : now >= newest.ExpiresAt ? PendingCodeState.Expired
                    : PendingCodeState.Waiting;
            }
        }

        return states;
    }

    private async Task<(LinkResult Result, SenderAddress? Address, VerificationCode? Code)> EvaluateLinkAsync(string? token, CancellationToken cancellationToken)
    {
        var invalid = new LinkResult(LinkStatus.Invalid, "This link is not valid. Copy the whole link from the email, or enter the code instead.");
        if (links.Read(token) is not { } claim)
        {
            return (invalid, null, null);
        }

        var code = await db.VerificationCodes.SingleOrDefaultAsync(c => c.Id == claim.CodeId && c.SenderAddressId == claim.SenderAddressId, cancellationToken);
        var address = code is null ? null : await db.SenderAddresses.SingleOrDefaultAsync(a => a.Id == code.SenderAddressId, cancellationToken);
        if (code is null || address is null || code.Target != VerificationTarget.Address)
        {
            return (invalid, null, null);
        }

        if (!SameAddress(code.SentTo, address.Address))
        {
            return (invalid, null, null);
        }

        if (address.IsVerified)
        {
            return (new(LinkStatus.AlreadyVerified, $"{address.Address} is already verified.", address.Address), address, code);
        }

        var newest = await NewestCodeAsync(address, VerificationTarget.Address, cancellationToken);
        var now = time.GetUtcNow();
        LinkResult result = code switch
        {
            _ when newest?.Id != code.Id || code.UsedAt is not null => new(LinkStatus.Replaced, "A newer verification email was sent: use the link in the latest one.", address.Address),
            _ when code.FailedAttempts >= options.CurrentValue.MaxWrongAttempts => new(LinkStatus.Locked, "The code from this email was entered wrongly too many times. Use Resend in Send Mail As to get a new email.", address.Address),
            _ when now >= code.ExpiresAt || now >= claim.ExpiresAt => new(LinkStatus.Expired, "This link has expired. Use Resend in Send Mail As to get a new email.", address.Address),
            _ => new(LinkStatus.Ready, $"Confirm that Mailroom may send mail as {address.Address}.", address.Address),
        };
        return (result, address, code);
    }

    private Task<VerificationCode?> NewestCodeAsync(SenderAddress address, VerificationTarget target, CancellationToken cancellationToken) =>
        db.VerificationCodes
            .Where(c => c.SenderAddressId == address.Id && c.Target == target)
            .OrderByDescending(c => c.CreatedAt)
            .ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Marks the code used, unless a concurrent request used or locked it first.</summary>
    private async Task<bool> ConsumeAsync(VerificationCode code, int maxWrongAttempts, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.VerificationCodes
            .Where(c => c.Id == code.Id && c.UsedAt == null && c.FailedAttempts < maxWrongAttempts)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.UsedAt, now), cancellationToken) == 1;
    }

    private void MarkVerified(SenderAddress address, VerificationTarget target, AddressProof proof)
    {
        if (target == VerificationTarget.Address)
        {
            address.VerifiedAt = time.GetUtcNow();
            address.VerifiedBy = proof;
        }
        else
        {
            address.ReplyToVerifiedAt = time.GetUtcNow();
        }
    }

    private static CodeCheckResult Locked() =>
        new(CodeCheckStatus.Locked, "This code was entered wrongly too many times and no longer works. Use Resend to get a new one.");

    private static bool IsDone(SenderAddress address, VerificationTarget target) =>
        target == VerificationTarget.Address ? address.IsVerified : address.IsReplyToVerified;

    private static string TargetAddress(SenderAddress address, VerificationTarget target) =>
        target == VerificationTarget.Address ? address.Address : address.ReplyTo ?? "";

    private static bool SameAddress(string a, string b) => SenderAddress.Normalize(a) == SenderAddress.Normalize(b);

    private static Uri LinkFor(Uri confirmationPage, string token)
    {
        var builder = new UriBuilder(confirmationPage) { Query = $"{LinkTokenParameter}={Uri.EscapeDataString(token)}" };
        return builder.Uri;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Verification code issued for sender address {AddressId} ({Target})")]
    private static partial void LogIssued(ILogger logger, Guid addressId, VerificationTarget target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Verification email for sender address {AddressId} ({Target}) could not be sent: {Kind} {Reason}")]
    private static partial void LogMailFailed(ILogger logger, Guid addressId, VerificationTarget target, MailFailureKind kind, MailFailureReason reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrong verification code for sender address {AddressId} ({Target}); {FailedAttempts} wrong so far")]
    private static partial void LogWrongCode(ILogger logger, Guid addressId, VerificationTarget target, int failedAttempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sender address {AddressId} ({Target}) verified by {Proof}")]
    private static partial void LogVerified(ILogger logger, Guid addressId, VerificationTarget target, AddressProof proof);
}
