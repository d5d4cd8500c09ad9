using Mailroom.Network;
using Microsoft.Extensions.Options;

namespace Mailroom.Accounts;

/// <summary>Turns a <see cref="MailFailure"/> into a verdict with guidance the user can act on.</summary>
internal sealed class AccountTestGuidance(IOptionsMonitor<SupportOptions> support, IOptionsMonitor<Pop3Options> pop3)
{
    public ConnectionVerdict Describe(MailFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var (title, guidance) = failure.Kind switch
        {
            MailFailureKind.Connection => ("Connection failure", ConnectionGuidance(failure.Reason)),
            MailFailureKind.Authentication => ("Authentication failure", AuthenticationGuidance(failure.Reason)),
            MailFailureKind.MailboxInUse => ("Mailbox in use",
                "Another program is downloading this mailbox right now (RFC 3206 [IN-USE]). Close other mail programs that use POP3 for this account, or wait a few minutes and test again."),
            MailFailureKind.TemporaryServerError when failure.Reason == MailFailureReason.LoginDelay => ("Signing in too often",
                "The server allows only a limited number of sign-ins (RFC 3206 [LOGIN-DELAY]). Wait a while and test again."),
            MailFailureKind.TemporaryServerError => ("Temporary server error",
                "The server reported a temporary problem on its side (RFC 3206 [SYS/TEMP]). Nothing is wrong with your settings as far as Mailroom can tell; test again later."),
            MailFailureKind.Certificate => ("Certificate error", CertificateGuidance(failure.Reason)),
            MailFailureKind.NotAllowed => ("Not allowed", NotAllowedGuidance(failure.Reason)),
            MailFailureKind.Insecure => ("Insecure connection refused",
                "Tick Use SSL and use the provider's SSL port (usually 995), or ask your provider for POP3 with STLS. Mailroom never sends your password unencrypted."),
            MailFailureKind.Protocol when failure.Reason == MailFailureReason.NoUidl => ("No UIDL",
                "Mailroom needs the server's UIDL command to recognise messages it already fetched; without it every fetch would store the same messages again. Ask your provider whether POP3 with UIDL is available, or use another server."),
            MailFailureKind.Cancelled => (FailureGuidance.TestCancelledTitle, "Test the account again."),
            _ => ("Unexpected answer",
                "Check that the server name and port are for POP3 (not IMAP or SMTP), then test again."),
        };
        return ConnectionVerdict.For(failure, title, guidance);
    }

    private static string ConnectionGuidance(MailFailureReason reason) => FailureGuidance.Connection(
        reason,
        "A secure connection could not be set up: the port may not expect SSL (or expects it from the start).",
        "Check the incoming server name and port with your provider, and whether Use SSL matches that port (995 with SSL, 110 without).");

    private static string AuthenticationGuidance(MailFailureReason reason) => reason switch
    {
        MailFailureReason.SysPerm =>
            "The server refused access for a reason on its side that will not go away by itself (RFC 3206 [SYS/PERM]), for example a suspended mailbox. Contact your provider.",
        MailFailureReason.AuthenticationNotOffered =>
            "The server offers no way of signing in that Mailroom can use on this connection. Check the port and Use SSL with your provider.",
        _ =>
            "Check the user name and password. Some providers require POP access to be enabled in their settings, or an app password instead of your usual password.",
    };

    private string CertificateGuidance(MailFailureReason reason) =>
        Network.CertificateGuidance.For(reason, "incoming", support.CurrentValue.Email is { Length: > 0 } email ? email : "your administrator");

    private string NotAllowedGuidance(MailFailureReason reason) => reason == MailFailureReason.PrivateAddress
        ? FailureGuidance.PrivateAddress
        : FailureGuidance.PortNotAllowed("POP3", string.Join(" and ", pop3.CurrentValue.EffectiveAllowedPorts.Order()));
}
