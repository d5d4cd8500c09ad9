using Mailroom.Network;

namespace Mailroom.Accounts;

internal enum AccountChangeStatus
{
    Saved,
    NotFound,
    Invalid,

    /// <summary>The connection settings or password differ from what the last successful Test Account approved.</summary>
    TestRequired,
}

internal sealed record AccountChangeResult(AccountChangeStatus Status, Pop3Account? Account, IReadOnlyDictionary<string, string[]> Errors)
{
    private static readonly Dictionary<string, string[]> NoErrors = [];

    public static AccountChangeResult Saved(Pop3Account account) => new(AccountChangeStatus.Saved, account, NoErrors);

    public static AccountChangeResult NotFound { get; } = new(AccountChangeStatus.NotFound, null, NoErrors);

    public static AccountChangeResult Invalid(IReadOnlyDictionary<string, string[]> errors) => new(AccountChangeStatus.Invalid, null, errors);

    public static AccountChangeResult TestRequired { get; } = new(AccountChangeStatus.TestRequired, null, new Dictionary<string, string[]>
    {
        ["Password"] = ["Test the account with these settings before saving: the server name, port, SSL, user name or password changed since the last successful test."],
    });
}

internal enum AccountTestStatus
{
    Succeeded,
    Failed,
    Invalid,
    NotFound,
}

/// <summary>A Test Account as the caller needs it: on success the report and an approval token for saving; on failure the verdict.</summary>
internal sealed record AccountTestOutcome(
    AccountTestStatus Status,
    Pop3ServerReport? Report,
    ConnectionVerdict? Verdict,
    string? ApprovalToken,
    IReadOnlyDictionary<string, string[]> Errors)
{
    private static readonly Dictionary<string, string[]> NoErrors = [];

    public static AccountTestOutcome Succeeded(Pop3ServerReport report, string approvalToken) => new(AccountTestStatus.Succeeded, report, null, approvalToken, NoErrors);

    public static AccountTestOutcome Failed(ConnectionVerdict verdict) => new(AccountTestStatus.Failed, null, verdict, null, NoErrors);

    public static AccountTestOutcome Invalid(IReadOnlyDictionary<string, string[]> errors) => new(AccountTestStatus.Invalid, null, null, null, errors);

    public static AccountTestOutcome NotFound { get; } = new(AccountTestStatus.NotFound, null, null, null, NoErrors);
}

/// <summary>What to do with the mail already fetched when an account is deleted.</summary>
internal enum FetchedMailOnDelete
{
    /// <summary>The messages stay in the user's mail; the account remains only as a tombstone they belong to.</summary>
    Keep,

    Remove,
}
