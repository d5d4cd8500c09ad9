namespace Mailroom.SenderAddresses;

/// <summary>
/// One code mailed to an address (or to its Reply-To). Only a salted hash is kept; the code itself exists only in
/// the email. A newer code for the same target replaces older ones; wrong tries are counted per code.
/// </summary>
internal sealed class VerificationCode
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid SenderAddressId { get; init; }

    public VerificationTarget Target { get; init; }

    /// <summary>Where the code was sent; a code proves only this address, so it is void once the target changes.</summary>
    public required string SentTo { get; init; }

    public required byte[] Salt { get; init; }

    public required byte[] Hash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public int FailedAttempts { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}

internal enum VerificationTarget
{
    /// <summary>The sending address itself: may it appear in From:?</summary>
    Address = 0,

    /// <summary>The address's Reply-To.</summary>
    ReplyTo = 1,
}
