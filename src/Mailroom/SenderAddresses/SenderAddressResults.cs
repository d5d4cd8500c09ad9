using Mailroom.Network;
using Mailroom.Sending;

namespace Mailroom.SenderAddresses;

internal enum SenderAddressSaveStatus
{
    Saved,
    Invalid,
    TestFailed,
    NotFound,
}

/// <summary>
/// The outcome of saving an address: saved (with notices such as "a verification email was sent"), field errors,
/// or the verdict of the SMTP test that must pass before own-server settings are saved.
/// </summary>
internal sealed record SenderAddressSaveResult(
    SenderAddressSaveStatus Status,
    SenderAddressSummary? Address = null,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    ConnectionVerdict? Verdict = null,
    IReadOnlyList<string>? Notices = null)
{
    public static readonly SenderAddressSaveResult NotFound = new(SenderAddressSaveStatus.NotFound);

    public static SenderAddressSaveResult Invalid(IReadOnlyDictionary<string, string[]> errors) => new(SenderAddressSaveStatus.Invalid, Errors: errors);

    public static SenderAddressSaveResult TestFailed(ConnectionVerdict verdict) => new(SenderAddressSaveStatus.TestFailed, Verdict: verdict);
}

internal enum SmtpRouteTestStatus
{
    Succeeded,
    Failed,
    Invalid,
    NotFound,
}

/// <summary>The outcome of Test: what the server offered, or a verdict, or field errors.</summary>
internal sealed record SmtpRouteTestOutcome(
    SmtpRouteTestStatus Status,
    SmtpTestResult? Result = null,
    ConnectionVerdict? Verdict = null,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static readonly SmtpRouteTestOutcome NotFound = new(SmtpRouteTestStatus.NotFound);
}
