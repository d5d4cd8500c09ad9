namespace Mailroom.Network;

/// <summary>What a user can do about a refused server certificate; shared by the POP3 and SMTP tests so both say the same.</summary>
internal static class CertificateGuidance
{
    /// <param name="reason">Why the certificate was refused.</param>
    /// <param name="serverRole">"incoming" or "outgoing": which server name to check.</param>
    /// <param name="contact">The support address, or words naming who to ask.</param>
    public static string For(MailFailureReason reason, string serverRole, string contact)
    {
        var which = reason switch
        {
            MailFailureReason.SelfSigned => "The certificate is self-signed: anyone could have made it, so Mailroom never accepts one.",
            MailFailureReason.UntrustedAuthority => "The certificate was issued by an authority Mailroom does not trust. If it belongs to your company's own certificate authority, an administrator can add that authority's root certificate to Mailroom.",
            MailFailureReason.Expired => "The certificate has expired; the provider must renew it.",
            MailFailureReason.NotYetValid => "The certificate is not valid yet; the server's or this machine's clock may be wrong.",
            MailFailureReason.NameMismatch => $"The certificate was issued for another host name: check the spelling of the {serverRole} server, or use the exact name your provider gives.",
            MailFailureReason.Revoked => "The certificate has been revoked by its issuer.",
            _ => "The certificate could not be verified.",
        };
        return $"{which} Your password was not sent. If the server is right, contact {contact} with your mail server details and port number.";
    }
}
