namespace Mailroom.SenderAddresses;

internal enum CodeCheckStatus
{
    Verified,
    AlreadyVerified,
    Wrong,
    Locked,
    Expired,
    NoPendingCode,
    NotFound,
}

/// <summary>The answer to an entered code, with a sentence for the user.</summary>
internal sealed record CodeCheckResult(CodeCheckStatus Status, string Message, int RemainingAttempts = 0)
{
    public bool Succeeded => Status is CodeCheckStatus.Verified or CodeCheckStatus.AlreadyVerified;
}

internal enum ResendStatus
{
    Sent,
    TooSoon,
    DailyLimitReached,
    NothingToVerify,
    MailFailed,
    NotFound,
}

/// <summary>The answer to Resend. <see cref="RetryAfter"/> is set when the user must wait.</summary>
internal sealed record ResendResult(ResendStatus Status, string Message, TimeSpan? RetryAfter = null)
{
    public bool Succeeded => Status == ResendStatus.Sent;
}

internal enum LinkStatus
{
    Ready,
    Verified,
    AlreadyVerified,
    Expired,
    Replaced,
    Locked,
    Invalid,
}

/// <summary>What a verification link stands for. <see cref="Address"/> is known for every status except <see cref="LinkStatus.Invalid"/>.</summary>
internal sealed record LinkResult(LinkStatus Status, string Message, string? Address = null);

/// <summary>Where the newest code for an address or Reply-To stands, for the Send Mail As list.</summary>
internal enum PendingCodeState
{
    None,
    Waiting,
    Expired,
    Locked,
}
