using System.Globalization;

namespace Mailroom.Web.Users;

/// <summary>How long a lockout lasts and when it ends, in the words the sign-in page and the API use.</summary>
internal sealed record LockoutNotice(TimeSpan Duration, DateTimeOffset LockedUntil)
{
    public string DurationText => Duration.TotalMinutes >= 60 && Duration.TotalMinutes % 60 == 0
        ? Plural((int)Duration.TotalHours, "hour")
        : Plural((int)Math.Round(Duration.TotalMinutes), "minute");

    /// <summary>
    /// The end of the lockout rounded UP to the minute: "try again at 19:57" must never be a minute at which it is
    /// still locked (the end is 19:56:10). The page shows it in the reader's zone.
    /// </summary>
    public DateTimeOffset ShownUntil => new(
        (LockedUntil.UtcTicks + TimeSpan.TicksPerMinute - 1) / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);

    /// <summary><see cref="ShownUntil"/> as HH:mm in UTC.</summary>
    public string UtcTimeText => ShownUntil.ToString("HH:mm", CultureInfo.InvariantCulture);

    public string Message => $"Too many failed attempts — your account is locked for {DurationText}. Try again at {UtcTimeText} UTC.";

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";
}
