using System.Globalization;

namespace Mailroom.Web.Messages;

/// <summary>
/// Dates go to the browser as ISO instants; reading.js shows them in the user's own time zone and locale.
/// The UTC text is what a browser without scripts shows.
/// </summary>
internal static class Instants
{
    public static string Iso(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Fallback(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
