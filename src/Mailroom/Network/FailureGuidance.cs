namespace Mailroom.Network;

/// <summary>Guidance that reads the same for every protocol's connection test; the protocol's own words are passed in.</summary>
internal static class FailureGuidance
{
    public const string PrivateAddress =
        "The server name leads to a private or internal network address. Mailroom only connects to public mail servers, so that it can never be used to reach the internal network; an administrator can allow internal servers.";

    public const string TestCancelledTitle = "Test cancelled";

    /// <param name="reason">Why the connection failed.</param>
    /// <param name="tlsHandshake">What a failed TLS handshake most likely means for this protocol's settings.</param>
    /// <param name="check">What to check, in this protocol's terms.</param>
    public static string Connection(MailFailureReason reason, string tlsHandshake, string check)
    {
        var cause = reason switch
        {
            MailFailureReason.HostNotFound => "The server name does not exist. ",
            MailFailureReason.Refused => "Nothing answers on this port. ",
            MailFailureReason.TimedOut => "The server did not answer in time. ",
            MailFailureReason.TlsHandshake => tlsHandshake + " ",
            _ => "",
        };
        return cause + check;
    }

    public static string PortNotAllowed(string protocol, string allowedPorts) =>
        $"Use the {protocol} port your provider lists; allowed ports are {allowedPorts}. An administrator can allow others.";
}
