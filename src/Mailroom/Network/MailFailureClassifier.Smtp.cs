using System.Text.RegularExpressions;
using MailKit.Net.Smtp;

namespace Mailroom.Network;

/// <summary>SMTP replies: the basic reply code (RFC 5321 §4.2) plus the enhanced status code (RFC 3463) when the server sends one.</summary>
internal static partial class MailFailureClassifier
{
    private static MailFailure FromSmtpCommand(SmtpCommandException smtp)
    {
        var status = (int)smtp.StatusCode;
        var enhanced = EnhancedStatus(smtp.Message);
        var who = smtp.Mailbox?.Address;
        if (status is >= 400 and < 500)
        {
            return FromSmtpStatus(status, smtp.Message);
        }

        // Postfix refuses an oversized message at MAIL FROM (RFC 1870 SIZE=), other servers after DATA.
        if ((status == 552 && smtp.ErrorCode != SmtpErrorCode.RecipientNotAccepted) || enhanced is "5.3.4" or "5.2.3")
        {
            return MessageTooLarge();
        }

        return smtp.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted when IsRelayDenial(status, enhanced, smtp.Message) => RelayDenied(who),
            SmtpErrorCode.RecipientNotAccepted => new(MailFailureKind.Rejected, MailFailureReason.RecipientRefused,
                who is null ? "The mail server refused a recipient." : $"The mail server refused the recipient {who}."),
            SmtpErrorCode.SenderNotAccepted when status == 530 => AuthenticationRequired(),
            SmtpErrorCode.SenderNotAccepted => new(MailFailureKind.Rejected, MailFailureReason.SenderRefused,
                who is null ? "The mail server does not let this account send from this address." : $"The mail server does not let this account send as {who}."),
            SmtpErrorCode.MessageNotAccepted => new(MailFailureKind.Rejected, MailFailureReason.MessageRefused,
                $"The mail server refused the message: {ServerText(smtp.Message)}"),
            _ => FromSmtpStatus(status, smtp.Message),
        };
    }

    private static MailFailure FromSmtpStatus(int status, string message) => status switch
    {
        535 or 534 => new(MailFailureKind.Authentication, MailFailureReason.Credentials, "The server did not accept the user name and password."),
        454 or 421 => new(MailFailureKind.TemporaryServerError, MailFailureReason.SysTemp, "The mail server has a temporary problem. Try again later."),
        530 => AuthenticationRequired(),
        538 => new(MailFailureKind.Authentication, MailFailureReason.AuthenticationNotOffered, "The server requires a different way of signing in."),
        552 => MessageTooLarge(),
        >= 400 and < 500 => new(MailFailureKind.TemporaryServerError, MailFailureReason.SysTemp, $"The mail server asked to try again later ({status})."),
        _ => new(MailFailureKind.Protocol, MailFailureReason.UnexpectedResponse, $"The mail server refused: {ServerText(message)}"),
    };

    private static MailFailure RelayDenied(string? recipient) => new(MailFailureKind.Rejected, MailFailureReason.RelayDenied,
        recipient is null
            ? "The mail server refused to pass the message on (relay denied)."
            : $"The mail server refused to pass the message on to {recipient} (relay denied).");

    private static MailFailure MessageTooLarge() => new(MailFailureKind.Rejected, MailFailureReason.MessageTooLarge,
        "The message is larger than the mail server accepts.");

    private static MailFailure AuthenticationRequired() => new(MailFailureKind.Authentication, MailFailureReason.AuthenticationRequired,
        "The mail server requires signing in before it accepts mail.");

    /// <summary>RFC 3463 X.7.1 is "delivery not authorized"; Postfix and Exim also say "Relay access denied" / "relay not permitted" in words.</summary>
    private static bool IsRelayDenial(int status, string? enhanced, string message) =>
        enhanced == "5.7.1" || (status == 554 && enhanced is null) || message.Contains("relay", StringComparison.OrdinalIgnoreCase);

    /// <summary>"5.7.1 &lt;x@y&gt;: Relay access denied" gives "5.7.1".</summary>
    internal static string? EnhancedStatus(string? text)
    {
        var match = text is null ? null : EnhancedStatusPattern().Match(text);
        return match is { Success: true } ? match.Value.Trim() : null;
    }

    /// <summary>The server's words without the enhanced status code, shortened: they are shown to the user as they are.</summary>
    private static string ServerText(string message)
    {
        var text = EnhancedStatusPattern().Replace(message, "", 1).Trim();
        return text.Length > 200 ? text[..200] + "…" : text;
    }

    [GeneratedRegex(@"^\s*[245]\.\d{1,3}\.\d{1,3}(?=\s|$)")]
    private static partial Regex EnhancedStatusPattern();
}
