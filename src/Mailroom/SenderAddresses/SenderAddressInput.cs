using Mailroom.Network;

namespace Mailroom.SenderAddresses;

/// <summary>
/// The Send Mail As form. For <see cref="SendingRoute.OwnServer"/> a blank password keeps the saved one, or, for a new
/// address linked to a POP3 account, means the account's incoming password (the user name defaults the same way).
/// </summary>
internal sealed record SenderAddressInput
{
    public string Address { get; init; } = "";

    public string? DisplayName { get; init; }

    public Guid? AccountId { get; init; }

    public SendingRoute Route { get; init; }

    public string? SmtpHost { get; init; }

    public int? SmtpPort { get; init; }

    public MailTransportSecurity SmtpSecurity { get; init; } = MailTransportSecurity.StartTls;

    public string? SmtpUserName { get; init; }

    public string? SmtpPassword { get; init; }

    public string? ReplyTo { get; init; }

    public bool HasNewPassword => !string.IsNullOrEmpty(SmtpPassword);

    /// <summary>Redacted: the password never reaches a log line or exception message through this record.</summary>
    public override string ToString() => $"SenderAddressInput {{ Route = {Route}, SmtpHost = {SmtpHost}, SmtpPort = {SmtpPort}, HasNewPassword = {HasNewPassword} }}";
}
