using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Mailroom.Clients;

/// <summary>Where the next page of the client list starts: the (name, id) of the last client shown, opaque to callers.</summary>
internal readonly record struct ClientCursor(string Name, long Id)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Id}\n{Name}")));

    public static bool TryParse(string? value, out ClientCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(value) || value.Length > 1000)
        {
            return false;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value));
        }
        catch (FormatException)
        {
            return false;
        }

        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline <= 0 || !long.TryParse(text.AsSpan(0, newline), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        cursor = new ClientCursor(text[(newline + 1)..], id);
        return true;
    }
}
