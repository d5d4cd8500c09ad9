using Mailroom.Accounts;

namespace Mailroom.Web.Api.Accounts;

/// <summary>An account as the API shows it: never the password, not even encrypted.</summary>
internal sealed record AccountJson(
    Guid Id,
    string DisplayName,
    string EmailAddress,
    string Host,
    int Port,
    bool UseSsl,
    string UserName,
    string AfterRetrieval,
    int? DeleteAfterDays,
    string Status,
    string? StatusReason,
    DateTimeOffset? LastSuccessfulFetchAt,
    int MessageCount)
{
    public static AccountJson From(AccountSummary account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new AccountJson(account.Id, account.DisplayName, account.EmailAddress, account.Host, account.Port, account.UseSsl, account.UserName,
            RetrievalPolicyNames.ToName(account.AfterRetrieval), account.DeleteAfterDays, ApiNames.Of(account.Status),
            account.StatusReason, account.LastSuccessfulFetchAt, account.MessageCount);
    }
}

/// <summary>What a client sends to test, create or change an account. A blank password on a change keeps the stored one.</summary>
internal sealed record AccountRequest(
    string? DisplayName,
    string? EmailAddress,
    string? Host,
    int? Port,
    bool? UseSsl,
    string? UserName,
    string? Password,
    string? AfterRetrieval,
    int? DeleteAfterDays,
    string? ApprovalToken)
{
    public Pop3AccountInput ToInput()
    {
        var useSsl = UseSsl ?? true;
        return new Pop3AccountInput(
            DisplayName ?? "",
            EmailAddress ?? "",
            Host ?? "",
            Port ?? (useSsl ? 995 : 110),
            useSsl,
            UserName,
            Password,
            RetrievalPolicyNames.Parse(AfterRetrieval) ?? (RetrievalPolicy)(-1),
            DeleteAfterDays);
    }

    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"{DisplayName} <{EmailAddress}> {Host}:{Port}";
}

/// <summary>A successful test: what was learned, plus the token that lets exactly these settings be saved.</summary>
internal sealed record AccountTestJson(
    bool Succeeded,
    string TlsVersion,
    IReadOnlyList<string> Capabilities,
    bool SupportsUidl,
    bool SupportsPipelining,
    int? LoginDelaySeconds,
    int? ExpireDays,
    int MessageCount,
    long TotalSize,
    string ApprovalToken)
{
    public static AccountTestJson From(Pop3ServerReport report, string approvalToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new AccountTestJson(true, report.TlsVersion, report.Capabilities, report.SupportsUidl, report.SupportsPipelining,
            report.LoginDelay is { } delay ? (int)delay.TotalSeconds : null, report.ExpireDays, report.MessageCount, report.TotalSize, approvalToken);
    }
}

internal static class RetrievalPolicyNames
{
    public static string ToName(RetrievalPolicy policy) => policy switch
    {
        RetrievalPolicy.DeleteFromServer => "delete",
        RetrievalPolicy.DeleteAfterDays => "delete-after-days",
        _ => "keep",
    };

    /// <summary>Absent means keep (the default); an unknown name gives null so that validation can say so.</summary>
    public static RetrievalPolicy? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "keep" => RetrievalPolicy.KeepOnServer,
        "delete" => RetrievalPolicy.DeleteFromServer,
        "delete-after-days" => RetrievalPolicy.DeleteAfterDays,
        _ => null,
    };
}
