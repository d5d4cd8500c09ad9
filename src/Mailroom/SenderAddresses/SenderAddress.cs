using Mailroom.Network;

namespace Mailroom.SenderAddresses;

/// <summary>
/// An address a user may put in From: (Send Mail As), the way its mail leaves Mailroom, and what has been proven
/// about it. It may send only once <see cref="VerifiedAt"/> is set: by its own SMTP server accepting the user's
/// sign-in, or by the link or code mailed to it.
/// </summary>
internal sealed class SenderAddress
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string OwnerId { get; init; }

    public required string Address { get; set; }

    /// <summary>Upper-case invariant form, unique per owner: addresses differ from each other only by more than letter case.</summary>
    public required string NormalizedAddress { get; set; }

    public string DisplayName { get; set; } = "";

    /// <summary>The POP3 account this address belongs to; its sent mail is filed there.</summary>
    public Guid? AccountId { get; set; }

    public SendingRoute Route { get; set; }

    /// <summary>Own SMTP server (<see cref="SendingRoute.OwnServer"/> only).</summary>
    public string? SmtpHost { get; set; }

    public int? SmtpPort { get; set; }

    public MailTransportSecurity? SmtpSecurity { get; set; }

    /// <summary>Null when the server is used without signing in; such an address must be proven by email.</summary>
    public string? SmtpUserName { get; set; }

    /// <summary>Data Protection ciphertext; the clear password is never stored.</summary>
    public string? ProtectedSmtpPassword { get; set; }

    /// <summary>When the own server last refused the saved password while sending; cleared by a successful test or send.</summary>
    public DateTimeOffset? SmtpPasswordRejectedAt { get; set; }

    public DateTimeOffset? VerifiedAt { get; set; }

    public AddressProof? VerifiedBy { get; set; }

    public string? ReplyTo { get; set; }

    public DateTimeOffset? ReplyToVerifiedAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public bool IsVerified => VerifiedAt is not null;

    public bool HasReplyTo => !string.IsNullOrEmpty(ReplyTo);

    public bool IsReplyToVerified => HasReplyTo && ReplyToVerifiedAt is not null;

    public static string Normalize(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.Trim().ToUpperInvariant();
    }
}
