namespace Mailroom.SenderAddresses;

/// <summary>How an address's mail leaves Mailroom.</summary>
internal enum SendingRoute
{
    /// <summary>The user's own SMTP server (their provider's), signed in with their credentials.</summary>
    OwnServer = 0,

    /// <summary>Mailroom's SMTP: the administrator's relay, or the outbox folder when none is configured.</summary>
    MailroomRelay = 1,
}
