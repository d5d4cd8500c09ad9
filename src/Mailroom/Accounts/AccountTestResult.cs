using Mailroom.Network;

namespace Mailroom.Accounts;

/// <summary>Exactly one of: a report of what works, or the failure that stopped the test.</summary>
internal sealed class AccountTestResult
{
    private AccountTestResult(Pop3ServerReport? report, MailFailure? failure)
    {
        Report = report;
        Failure = failure;
    }

    public Pop3ServerReport? Report { get; }

    public MailFailure? Failure { get; }

    public bool Succeeded => Report is not null;

    public static AccountTestResult Success(Pop3ServerReport report) => new(report ?? throw new ArgumentNullException(nameof(report)), null);

    public static AccountTestResult Failed(MailFailure failure) => new(null, failure ?? throw new ArgumentNullException(nameof(failure)));
}
