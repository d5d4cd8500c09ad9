using MimeKit;

namespace Mailroom.Sending.SystemMail;

/// <summary>Sends mail from Mailroom itself: through the administrator's relay, or into the outbox folder when none is configured.</summary>
internal interface ISystemMailSender
{
    /// <summary>True when messages only land in the outbox folder; the UI says so.</summary>
    bool WritesToOutbox { get; }

    /// <summary>The From address Mailroom's own messages carry.</summary>
    MailboxAddress Sender { get; }

    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
