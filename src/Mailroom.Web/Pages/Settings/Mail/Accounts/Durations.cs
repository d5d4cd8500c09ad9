namespace Mailroom.Web.Pages.Settings.Mail.Accounts;

/// <summary>Durations the way people read them ("45 seconds", "15 minutes", "2.5 hours").</summary>
internal static class Durations
{
    public static string Format(TimeSpan duration) => duration.TotalMinutes switch
    {
        < 1 => $"{(int)duration.TotalSeconds} seconds",
        < 120 => $"{(int)duration.TotalMinutes} minutes",
        _ => $"{duration.TotalHours:0.#} hours",
    };
}
