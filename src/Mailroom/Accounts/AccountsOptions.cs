using System.ComponentModel.DataAnnotations;

namespace Mailroom.Accounts;

/// <summary>Bound from <c>Mailroom:Accounts</c>.</summary>
internal sealed class AccountsOptions
{
    public const string SectionName = "Mailroom:Accounts";

    /// <summary>Consecutive authentication failures during background fetching after which an account is disabled.</summary>
    [Range(1, 100)]
    public int DisableAfterAuthenticationFailures { get; set; } = 3;

    /// <summary>How long a successful Test Account result may be used to save exactly those settings.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan TestApprovalLifetime { get; set; } = TimeSpan.FromMinutes(30);
}
