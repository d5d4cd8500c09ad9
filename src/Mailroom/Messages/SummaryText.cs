using System.Text;

namespace Mailroom.Messages;

/// <summary>
/// Makes header and body text fit for a one-line list column and for every database:
/// no control characters (PostgreSQL refuses NUL in text), whitespace collapsed, cut without splitting a surrogate pair.
/// </summary>
internal static class SummaryText
{
    public static string Clean(string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength));
        var pendingSpace = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c == '\u00AD')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                if (builder.Length + 1 >= maxLength)
                {
                    break;
                }

                builder.Append(' ');
                pendingSpace = false;
            }

            if (builder.Length >= maxLength)
            {
                break;
            }

            builder.Append(c);
        }

        if (builder.Length > 0 && char.IsHighSurrogate(builder[^1]))
        {
            builder.Length--;
        }

        return builder.ToString();
    }
}
