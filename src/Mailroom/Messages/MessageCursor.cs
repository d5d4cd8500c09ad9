using System.Globalization;

namespace Mailroom.Messages;

/// <summary>
/// Where the next page starts: the (sent date, id) of the last message shown. Keyset paging seeks straight to it
/// through the (…, SentAt, Id) index, so page 2,000 costs what page 1 costs.
/// </summary>
internal readonly record struct MessageCursor(DateTimeOffset SentAt, long Id)
{
    public string Encode() => string.Create(CultureInfo.InvariantCulture, $"{SentAt.UtcTicks:x}-{Id:x}");

    public static bool TryParse(string? value, out MessageCursor cursor)
    {
        cursor = default;
        var dash = value?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (value is null || dash <= 0
            || !long.TryParse(value.AsSpan(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var ticks)
            || !long.TryParse(value.AsSpan(dash + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new MessageCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}
