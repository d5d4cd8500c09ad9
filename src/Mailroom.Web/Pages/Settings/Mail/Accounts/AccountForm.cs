using System.ComponentModel.DataAnnotations;
using Mailroom.Accounts;

namespace Mailroom.Web.Pages.Settings.Mail.Accounts;

/// <summary>The add/edit form as posted. The password is write-only: it is never rendered back into the page.</summary>
internal sealed class AccountForm
{
    [Display(Name = "Display name")]
    public string DisplayName { get; set; } = "";

    [Display(Name = "Email address")]
    public string EmailAddress { get; set; } = "";

    [Display(Name = "Incoming server")]
    public string Host { get; set; } = "";

    [Display(Name = "Port")]
    public int Port { get; set; } = 995;

    [Display(Name = "User name")]
    public string? UserName { get; set; }

    [Display(Name = "Password")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [Display(Name = "Use SSL")]
    public bool UseSsl { get; set; } = true;

    [Display(Name = "After retrieval")]
    public RetrievalPolicy AfterRetrieval { get; set; } = RetrievalPolicy.KeepOnServer;

    [Display(Name = "Days")]
    public int? DeleteAfterDays { get; set; }

    /// <summary>From the last successful Test Account: proves these settings worked and carries the tested password, encrypted.</summary>
    public string? ApprovalToken { get; set; }

    public Pop3AccountInput ToInput() =>
        new(DisplayName ?? "", EmailAddress ?? "", Host ?? "", Port, UseSsl, UserName, Password, AfterRetrieval, DeleteAfterDays);

    public static AccountForm From(AccountSummary account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new AccountForm
        {
            DisplayName = account.DisplayName,
            EmailAddress = account.EmailAddress,
            Host = account.Host,
            Port = account.Port,
            UseSsl = account.UseSsl,
            UserName = account.UserName,
            AfterRetrieval = account.AfterRetrieval,
            DeleteAfterDays = account.DeleteAfterDays,
        };
    }
}
