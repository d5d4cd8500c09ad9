using System.ComponentModel.DataAnnotations;

namespace Mailroom.Web.Users;

/// <summary>Password and lockout rules for Mailroom's own users, bound from <c>Mailroom:Users</c>.</summary>
internal sealed class UserSecurityOptions
{
    public const string SectionName = "Mailroom:Users";

    [Range(8, 128)]
    public int RequiredPasswordLength { get; set; } = 10;

    /// <summary>Wrong passwords in a row (on the page or the API) before the account locks.</summary>
    [Range(1, 100)]
    public int MaxFailedSignInAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
