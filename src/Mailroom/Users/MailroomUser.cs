using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace Mailroom.Users;

/// <summary>A person who signs in to Mailroom. Identity owns the columns; Mailroom owns what hangs off the user id.</summary>
internal sealed class MailroomUser : IdentityUser
{
    /// <summary>The IANA time zone every time is shown in (e.g. "Europe/Berlin"); taken from the browser until the user picks one.</summary>
    [MaxLength(100)]
    public string? TimeZone { get; set; }
}
