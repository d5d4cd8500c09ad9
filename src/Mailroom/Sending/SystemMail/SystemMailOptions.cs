using System.ComponentModel.DataAnnotations;
using Mailroom.Network;

namespace Mailroom.Sending.SystemMail;

/// <summary>
/// Mailroom's own outgoing mail (<c>Mailroom:Smtp:Relay</c>): notifications, verification emails, and "Mailroom's SMTP"
/// for users. With no <see cref="Host"/>, messages are written to <see cref="OutboxDirectory"/> instead of sent.
/// </summary>
internal sealed class SystemMailOptions
{
    public const string SectionName = "Mailroom:Smtp:Relay";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public MailTransportSecurity Security { get; set; } = MailTransportSecurity.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    [Required]
    [EmailAddress]
    public string FromAddress { get; set; } = "mailroom@localhost";

    [Required]
    public string FromName { get; set; } = "Mailroom";

    [Required]
    public string OutboxDirectory { get; set; } = "data/outbox";

    public bool UsesOutbox => string.IsNullOrWhiteSpace(Host);
}
