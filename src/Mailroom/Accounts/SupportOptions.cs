using System.ComponentModel.DataAnnotations;

namespace Mailroom.Accounts;

/// <summary>Bound from <c>Mailroom:Support</c>: who users should contact when a verdict needs a person.</summary>
internal sealed class SupportOptions
{
    public const string SectionName = "Mailroom:Support";

    /// <summary>Shown in certificate guidance; without it the guidance says "your administrator".</summary>
    [EmailAddress]
    public string? Email { get; set; }
}
