namespace Mailroom.Network;

/// <summary>What went wrong talking to a mail server, in a form both code and people can act on.</summary>
/// <param name="Kind">Decides what happens next (retry, disable, tell the user).</param>
/// <param name="Reason">The finer cause, for guidance text and for the API's machine-readable answer.</param>
/// <param name="Message">One sentence for the user. Never contains a password.</param>
internal sealed record MailFailure(MailFailureKind Kind, MailFailureReason Reason, string Message)
{
    /// <summary>Worth retrying later without the user changing anything.</summary>
    public bool IsTemporary => Kind is MailFailureKind.Connection or MailFailureKind.MailboxInUse
        or MailFailureKind.TemporaryServerError or MailFailureKind.Protocol;

    /// <summary>The server rejected the credentials themselves (RFC 3206 [AUTH] or no code): counts toward disabling an account.</summary>
    public bool IsCredentialRejection => Kind == MailFailureKind.Authentication && Reason == MailFailureReason.Credentials;
}

internal enum MailFailureKind
{
    Connection,
    Authentication,
    MailboxInUse,
    TemporaryServerError,
    Certificate,
    NotAllowed,
    Insecure,
    Protocol,
    Cancelled,

    /// <summary>An SMTP server refused this message, its sender or a recipient; sending it again unchanged fails again.</summary>
    Rejected,
}

internal enum MailFailureReason
{
    HostNotFound,
    Refused,
    TimedOut,
    Unreachable,
    ConnectionLost,
    TlsHandshake,
    SelfSigned,
    UntrustedAuthority,
    Expired,
    NotYetValid,
    NameMismatch,
    Revoked,
    InvalidCertificate,
    PortNotAllowed,
    PrivateAddress,
    NoStartTls,
    AuthenticationNotOffered,
    Credentials,
    InUse,
    SysTemp,
    SysPerm,
    LoginDelay,
    NoUidl,
    UnexpectedResponse,
    Shutdown,
    AuthenticationRequired,
    RelayDenied,
    MessageTooLarge,
    RecipientRefused,
    SenderRefused,
    MessageRefused,
}

/// <summary>Carries a <see cref="MailFailure"/> out of the network layer; its message is the user's sentence.</summary>
internal sealed class MailFailureException : Exception
{
    public MailFailureException(MailFailure failure, Exception? innerException = null)
        : base(failure?.Message, innerException) => Failure = failure ?? throw new ArgumentNullException(nameof(failure));

    public MailFailure Failure { get; }
}
