using System.Globalization;

namespace Mailroom.Web.Pages.Settings.Mail.Accounts;

/// <summary>Sizes and durations the way people read them ("12.3 MB", "15 minutes").</summary>
internal static class ByteSize
{
    private static readonly string[] Units = ["bytes", "KB", "MB", "GB", "TB"];

    public static string Format(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} bytes" : value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " " + Units[unit];
    }

    public static string FormatDuration(TimeSpan duration) => duration.TotalMinutes switch
    {
        < 1 => $"{(int)duration.TotalSeconds} seconds",
        < 120 => $"{(int)duration.TotalMinutes} minutes",
        _ => $"{duration.TotalHours:0.#} hours",
    };
}
