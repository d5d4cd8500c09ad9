namespace Mailroom.Network;

internal enum MailTransportSecurity
{
    /// <summary>TLS from the first byte (POP3S 995, SMTPS 465).</summary>
    SslOnConnect = 0,

    /// <summary>Plain connection upgraded with STLS (POP3) or STARTTLS (SMTP) before any credential is sent.</summary>
    StartTls = 1,
}

/// <summary>Who chose the endpoint decides which checks apply: an administrator's relay is trusted, a user's server is not.</summary>
internal enum EndpointOrigin
{
    User = 0,
    Administrator = 1,
}

internal sealed record MailEndpoint(string Host, int Port, MailTransportSecurity Security, EndpointOrigin Origin = EndpointOrigin.User);
