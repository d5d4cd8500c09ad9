namespace Mailroom.Accounts;

/// <summary>
/// Everything needed to reach and sign in to a POP3 mailbox, with the clear password: keep instances
/// short-lived. Two settings are equal only if every part is equal, which is what "tested exactly these
/// settings" means.
/// </summary>
internal sealed record Pop3ConnectionSettings(string Host, int Port, bool UseSsl, string UserName, string Password)
{
    public static Pop3ConnectionSettings Normalized(string host, int port, bool useSsl, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(userName);

        // Host names are case-insensitive (RFC 4343) and a trailing dot is the same host;
        // user names and passwords are the server's business, so only outer white space goes.
        return new Pop3ConnectionSettings(host.Trim().TrimEnd('.').ToLowerInvariant(), port, useSsl, userName.Trim(), password);
    }

    /// <summary>
    /// Whether a password saved for these settings may be sent with <paramref name="other"/>: only to the same server,
    /// port and security, for the same user name, so that a stored secret never travels to an endpoint the user did not
    /// save it with.
    /// </summary>
    public bool SameEndpoint(Pop3ConnectionSettings other) =>
        other is not null && Host == other.Host && Port == other.Port && UseSsl == other.UseSsl && UserName == other.UserName;

    /// <summary>Never prints the password, so a settings object in a log or exception stays harmless.</summary>
    public override string ToString() => $"{Host}:{Port} ({(UseSsl ? "SSL" : "STLS")}) as {UserName}";
}
