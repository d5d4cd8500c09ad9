using Mailroom.Network;

namespace Mailroom.Sending;

/// <summary>A user's own SMTP server. Without a user name, the server is used without signing in.</summary>
internal sealed record SmtpServerSettings(string Host, int Port, MailTransportSecurity Security, string? UserName, string? Password)
{
    public bool SignsIn => !string.IsNullOrEmpty(UserName);

    public MailEndpoint Endpoint => new(Host, Port, Security, EndpointOrigin.User);

    /// <summary>The port that goes with a security choice when the user gives none: 465 implicit TLS (RFC 8314), 587 submission with STARTTLS (RFC 6409).</summary>
    public static int DefaultPort(MailTransportSecurity security) => security == MailTransportSecurity.SslOnConnect ? 465 : 587;

    /// <summary>Redacted, so that a settings object in a log line or exception never shows the password.</summary>
    public override string ToString() => $"{Host}:{Port} ({Security}, {(SignsIn ? "signs in" : "no sign-in")})";
}
