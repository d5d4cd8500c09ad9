using Mailroom.Network;

namespace Mailroom.SenderAddresses;

/// <summary>One row of Send Mail As: everything but the password, with where its verification stands.</summary>
internal sealed record SenderAddressSummary(
    Guid Id,
    string Address,
    string DisplayName,
    Guid? AccountId,
    string? AccountName,
    SendingRoute Route,
    string? SmtpHost,
    int? SmtpPort,
    MailTransportSecurity? SmtpSecurity,
    string? SmtpUserName,
    bool HasSmtpPassword,
    DateTimeOffset? SmtpPasswordRejectedAt,
    bool IsVerified,
    AddressProof? VerifiedBy,
    PendingCodeState AddressCode,
    string? ReplyTo,
    bool IsReplyToVerified,
    PendingCodeState ReplyToCode)
{
    /// <summary>The saved SMTP password was refused while sending: it is probably outdated.</summary>
    public bool SmtpPasswordBroken => SmtpPasswordRejectedAt is not null;

    public static SenderAddressSummary From(SenderAddress address, string? accountName, PendingCodeState addressCode, PendingCodeState replyToCode)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new(address.Id, address.Address, address.DisplayName, address.AccountId, accountName, address.Route,
            address.SmtpHost, address.SmtpPort, address.SmtpSecurity, address.SmtpUserName, !string.IsNullOrEmpty(address.ProtectedSmtpPassword),
            address.SmtpPasswordRejectedAt, address.IsVerified, address.VerifiedBy, addressCode, address.ReplyTo, address.IsReplyToVerified, replyToCode);
    }
}
