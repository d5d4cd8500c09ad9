namespace Mailroom.Sending;

internal enum SendStatus
{
    Sent,
    Invalid,
    NotVerified,
    NotFound,
    Failed,
}

/// <summary>
/// The outcome of Send. On anything but <see cref="SendStatus.Sent"/> nothing was sent and the draft is the caller's to
/// keep; <see cref="Verdict"/> says in words what the server refused.
/// </summary>
internal sealed record SendResult(
    SendStatus Status,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    SmtpVerdict? Verdict = null,
    long? SentCopyId = null,
    string? MessageIdHeader = null,
    string? Notice = null)
{
    public static readonly SendResult NotFound = new(SendStatus.NotFound);

    public static SendResult Invalid(IReadOnlyDictionary<string, string[]> errors) => new(SendStatus.Invalid, errors);
}
