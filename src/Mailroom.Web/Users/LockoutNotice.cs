using System.Globalization;

namespace Mailroom.Web.Users;

/// <summary>How long a lockout lasts and when it ends, in the words the sign-in page and the API use.</summary>
internal sealed record LockoutNotice(TimeSpan Duration, DateTimeOffset LockedUntil)
{
    public string DurationText => Duration.TotalMinutes >= 60 && Duration.TotalMinutes % 60 == 0
        ? Plural((int)Duration.TotalHours, "hour")
        : Plural((int)Math.Round(Duration.TotalMinutes), "minute");

    /// <summary>The end of the lockout as HH:mm in UTC; the page shows it in the browser's time zone.</summary>
    public string UtcTimeText => LockedUntil.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);

    public string Message => $"Too many failed attempts — your account is locked for {DurationText}. Try again at {UtcTimeText} UTC.";

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";
}
