using System.ComponentModel.DataAnnotations;

namespace Mailroom.SenderAddresses;

/// <summary>Verification of Send Mail As and Reply-To addresses (<c>Mailroom:SenderAddresses</c>).</summary>
internal sealed class SenderAddressesOptions
{
    public const string SectionName = "Mailroom:SenderAddresses";

    /// <summary>How long a mailed code and link stay valid.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromHours(24);

    [Range(6, 10)]
    public int CodeDigits { get; set; } = 6;

    /// <summary>Wrong entries after which a code is locked and a new one must be requested.</summary>
    [Range(1, 20)]
    public int MaxWrongAttempts { get; set; } = 5;

    /// <summary>Minimum time between two codes mailed for the same address.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan ResendInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this many codes per address (and target) in any 24 hours, so Mailroom cannot be used to flood a mailbox.</summary>
    [Range(1, 100)]
    public int MaxCodesPerDay { get; set; } = 10;
}
