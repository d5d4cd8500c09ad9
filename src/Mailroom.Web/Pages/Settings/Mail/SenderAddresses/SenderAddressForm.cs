using System.ComponentModel.DataAnnotations;
using Mailroom.Network;
using Mailroom.SenderAddresses;

namespace Mailroom.Web.Pages.Settings.Mail.SenderAddresses;

/// <summary>The Send Mail As form as posted. The password is never written back into the page.</summary>
internal sealed class SenderAddressForm
{
    [Display(Name = "Email address")]
    public string Address { get; set; } = "";

    [Display(Name = "Your name")]
    public string? DisplayName { get; set; }

    [Display(Name = "Mail account")]
    public Guid? AccountId { get; set; }

    public SendingRoute Route { get; set; }

    [Display(Name = "Outgoing server")]
    public string? SmtpHost { get; set; }

    [Display(Name = "Port")]
    public int? SmtpPort { get; set; } = 587;

    [Display(Name = "Security")]
    public MailTransportSecurity SmtpSecurity { get; set; } = MailTransportSecurity.StartTls;

    [Display(Name = "User name")]
    public string? SmtpUserName { get; set; }

    public string? SmtpPassword { get; set; }

    [Display(Name = "Reply-To")]
    public string? ReplyTo { get; set; }

    public SenderAddressInput ToInput() => new()
    {
        Address = Address,
        DisplayName = DisplayName,
        AccountId = AccountId,
        Route = Route,
        SmtpHost = SmtpHost,
        SmtpPort = SmtpPort,
        SmtpSecurity = SmtpSecurity,
        SmtpUserName = SmtpUserName,
        SmtpPassword = SmtpPassword,
        ReplyTo = ReplyTo,
    };

    public static SenderAddressForm From(SenderAddressInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new()
        {
            Address = input.Address,
            DisplayName = input.DisplayName,
            AccountId = input.AccountId,
            Route = input.Route,
            SmtpHost = input.SmtpHost,
            SmtpPort = input.SmtpPort,
            SmtpSecurity = input.SmtpSecurity,
            SmtpUserName = input.SmtpUserName,
            ReplyTo = input.ReplyTo,
        };
    }

    public static SenderAddressForm From(SenderAddressSummary address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new()
        {
            Address = address.Address,
            DisplayName = address.DisplayName,
            AccountId = address.AccountId,
            Route = address.Route,
            SmtpHost = address.SmtpHost,
            SmtpPort = address.SmtpPort ?? 587,
            SmtpSecurity = address.SmtpSecurity ?? MailTransportSecurity.StartTls,
            SmtpUserName = address.SmtpUserName,
            ReplyTo = address.ReplyTo,
        };
    }

    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"{Address} via {Route}";
}
