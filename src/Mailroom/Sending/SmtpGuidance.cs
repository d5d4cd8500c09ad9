using Mailroom.Accounts;
using Mailroom.Network;
using Microsoft.Extensions.Options;

namespace Mailroom.Sending;

/// <summary>Turns a <see cref="MailFailure"/> from an SMTP server into a verdict: for Test (settings being typed) or for sending (saved settings).</summary>
internal sealed class SmtpGuidance(IOptionsMonitor<SupportOptions> support, IOptionsMonitor<SmtpOptions> smtp)
{
    public ConnectionVerdict DescribeTest(MailFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var (title, guidance) = failure.Kind switch
        {
            MailFailureKind.Connection => ("Connection failure", ConnectionGuidance(failure.Reason)),
            MailFailureKind.Authentication => ("Authentication failure", AuthenticationGuidance(failure.Reason)),
            MailFailureKind.Certificate => ("Certificate error", CertificateGuidance(failure.Reason)),
            MailFailureKind.NotAllowed => ("Not allowed", NotAllowedGuidance(failure.Reason)),
            MailFailureKind.Insecure => ("Insecure connection refused",
                "The server offers no STARTTLS on this port, so the password would cross the network unencrypted. Choose SSL/TLS on port 465, or ask your provider for submission with STARTTLS on 587."),
            MailFailureKind.TemporaryServerError => ("Temporary server error", "The server reported a temporary problem on its side. Test again later."),
            MailFailureKind.Cancelled => (FailureGuidance.TestCancelledTitle, "Test the server again."),
            _ => ("Unexpected answer", "Check that the server name and port are for outgoing mail (SMTP), not POP3 or IMAP, then test again."),
        };
        return ConnectionVerdict.For(failure, title, guidance);
    }

    /// <summary>A failure while sending with saved settings; the draft is kept and the user is told what to fix.</summary>
    public ConnectionVerdict DescribeSend(MailFailure failure, bool ownServer)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var passwordOutdated = ownServer && failure.IsCredentialRejection;
        var (title, guidance) = failure switch
        {
            _ when passwordOutdated => ("Authentication failed",
                "The SMTP server refused the saved user name and password: the saved SMTP password is probably outdated (for example, you changed it at your provider). Update it in Send Mail As, then send again."),
            { Kind: MailFailureKind.Authentication } when !ownServer => ("Mailroom's SMTP refused to sign in",
                $"Mailroom's own mail server did not accept its configured credentials. Nothing is wrong with your message; contact {Contact} and try again later."),
            { Reason: MailFailureReason.RelayDenied } => ("Relay denied",
                "The server accepts mail only for its own domains, or only from signed-in users. Check the recipients' addresses and that the route signs in to the server."),
            { Reason: MailFailureReason.MessageTooLarge } => ("Message too large",
                "Remove or shrink attachments and send again."),
            { Reason: MailFailureReason.RecipientRefused } => ("Recipient refused",
                "Check the spelling of that address, or remove it, and send again."),
            { Reason: MailFailureReason.SenderRefused } => ("Sender refused",
                "This server does not let the signed-in account send from this address. Use the address's own provider's server, or Mailroom's SMTP."),
            { Reason: MailFailureReason.MessageRefused } => ("Message refused", "The server refused the content of the message."),
            { Kind: MailFailureKind.Certificate } => ("Certificate error", CertificateGuidance(failure.Reason)),
            { IsTemporary: true } => ("Could not send now", "The mail server could not be reached or had a temporary problem. Your message was not sent; try again in a few minutes."),
            _ => ("Not sent", "The mail server did not accept the message. Your draft is kept."),
        };
        return ConnectionVerdict.For(failure, title, guidance, passwordOutdated);
    }

    private string Contact => support.CurrentValue.Email is { Length: > 0 } email ? email : "your administrator";

    private static string ConnectionGuidance(MailFailureReason reason) => FailureGuidance.Connection(
        reason,
        "A secure connection could not be set up: the security choice may not match the port.",
        "Check the outgoing server name and port with your provider: SSL/TLS goes with port 465, STARTTLS with port 587.");

    private static string AuthenticationGuidance(MailFailureReason reason) => reason switch
    {
        MailFailureReason.AuthenticationNotOffered =>
            "The server offers no way of signing in that Mailroom can use on this connection. Check the port and security with your provider.",
        MailFailureReason.AuthenticationRequired => "The server requires signing in: enter the user name and password.",
        _ => "Check the user name and password. Many providers require an app password for mail programs instead of your usual password.",
    };

    private string CertificateGuidance(MailFailureReason reason) => Network.CertificateGuidance.For(reason, "outgoing", Contact);

    private string NotAllowedGuidance(MailFailureReason reason) => reason == MailFailureReason.PrivateAddress
        ? FailureGuidance.PrivateAddress
        : FailureGuidance.PortNotAllowed("SMTP", string.Join(", ", smtp.CurrentValue.EffectiveAllowedPorts.Order()));
}
