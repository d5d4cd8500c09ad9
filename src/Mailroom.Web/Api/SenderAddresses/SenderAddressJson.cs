using Mailroom.Network;
using Mailroom.SenderAddresses;

namespace Mailroom.Web.Api.SenderAddresses;

/// <summary>An address as the API shows it: never the password, not even encrypted.</summary>
internal sealed record SenderAddressJson(
    Guid Id,
    string Address,
    string DisplayName,
    Guid? AccountId,
    string Route,
    SmtpServerJson? SmtpServer,
    bool SmtpPasswordRejected,
    DateTimeOffset? SmtpPasswordRejectedAt,
    string Status,
    string? VerifiedBy,
    string? PendingCode,
    string? ReplyTo,
    string? ReplyToStatus,
    string? ReplyToPendingCode)
{
    public static SenderAddressJson From(SenderAddressSummary address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var server = address.Route == SendingRoute.OwnServer
            ? new SmtpServerJson(address.SmtpHost!, address.SmtpPort!.Value, SecurityName(address.SmtpSecurity!.Value), address.SmtpUserName)
            : null;
        return new SenderAddressJson(
            address.Id,
            address.Address,
            address.DisplayName,
            address.AccountId,
            address.Route == SendingRoute.OwnServer ? "own-server" : "mailroom",
            server,
            address.SmtpPasswordBroken,
            address.SmtpPasswordRejectedAt,
            address.IsVerified ? "verified" : "waiting-for-verification",
            address.VerifiedBy switch { AddressProof.SmtpSignIn => "smtp-sign-in", AddressProof.Link => "link", AddressProof.Code => "code", _ => null },
            PendingName(address.AddressCode),
            address.ReplyTo,
            address.ReplyTo is null ? null : address.IsReplyToVerified ? "verified" : "waiting-for-verification",
            address.ReplyTo is null ? null : PendingName(address.ReplyToCode));
    }

    public static string SecurityName(MailTransportSecurity security) => security == MailTransportSecurity.SslOnConnect ? "ssl" : "starttls";

    private static string? PendingName(PendingCodeState state) => state == PendingCodeState.None ? null : ApiNames.Of(state);
}

internal sealed record SmtpServerJson(string Host, int Port, string Security, string? UserName);

/// <summary>
/// What a client sends to test, create or change an address. Route "own-server" (default) or "mailroom"; security "ssl"
/// or "starttls". A blank password keeps the saved one (or, with an account, uses its incoming password).
/// </summary>
internal sealed record SenderAddressRequest(
    string? Address,
    string? DisplayName,
    Guid? AccountId,
    string? Route,
    string? SmtpHost,
    int? SmtpPort,
    string? SmtpSecurity,
    string? SmtpUserName,
    string? SmtpPassword,
    string? ReplyTo)
{
    public SenderAddressInput ToInput() => new()
    {
        Address = Address ?? "",
        DisplayName = DisplayName,
        AccountId = AccountId,
        Route = Route?.ToLowerInvariant() switch
        {
            null or "" or "own-server" => SendingRoute.OwnServer,
            "mailroom" => SendingRoute.MailroomRelay,
            _ => (SendingRoute)(-1),
        },
        SmtpHost = SmtpHost,
        SmtpPort = SmtpPort,
        SmtpSecurity = SmtpSecurity?.ToLowerInvariant() switch
        {
            "ssl" or "tls" or "ssl/tls" => MailTransportSecurity.SslOnConnect,
            null or "" or "starttls" => MailTransportSecurity.StartTls,
            _ => (MailTransportSecurity)(-1),
        },
        SmtpUserName = SmtpUserName,
        SmtpPassword = SmtpPassword,
        ReplyTo = ReplyTo,
    };

    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"{Address} via {Route} {SmtpHost}:{SmtpPort}";
}

/// <summary>Target "address" (default) or "reply-to".</summary>
internal sealed record VerifyRequest(string? Code, string? Target);

internal sealed record ResendRequest(string? Target);

internal sealed record ConfirmLinkRequest(string? Token);

internal sealed record VerificationJson(string Status, string Message, int? RemainingAttempts = null);

internal sealed record SmtpTestJson(bool SignedIn, string TlsProtocol, long? MaxMessageSize);
