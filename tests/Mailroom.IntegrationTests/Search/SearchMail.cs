using System.Text;

namespace Mailroom.IntegrationTests.Search;

/// <summary>
/// Raw messages for the search tests, built byte by byte so each body is in exactly the charset named (the code
/// pages are registered by the Mailroom assembly itself, as the app needs them to read such mail).
/// </summary>
internal static class SearchMail
{
    public static byte[] Text(string from, string subject, DateTimeOffset date, string body, string charset = "utf-8", string? to = null)
    {
        var encoding = Encoding.GetEncoding(charset);
        return Message(from, subject, date, $"Content-Type: text/plain; charset={charset}\r\nContent-Transfer-Encoding: 8bit\r\n", encoding.GetBytes(body), to);
    }

    /// <summary>ISO-2022-JP is 7-bit by design (RFC 1468): escape sequences switch the character set.</summary>
    public static byte[] Japanese(string from, string subject, DateTimeOffset date, string body) =>
        Message(from, subject, date, "Content-Type: text/plain; charset=iso-2022-jp\r\nContent-Transfer-Encoding: 7bit\r\n",
            Encoding.GetEncoding("iso-2022-jp").GetBytes(body), null);

    public static byte[] HtmlOnly(string from, string subject, DateTimeOffset date, string html) =>
        Message(from, subject, date, "Content-Type: text/html; charset=utf-8\r\n", Encoding.UTF8.GetBytes(html), null);

    /// <summary>A text part and an HTML part that says more than it (the word only in the HTML).</summary>
    public static byte[] Alternative(string from, string subject, DateTimeOffset date, string text, string html) =>
        Message(from, subject, date, "Content-Type: multipart/alternative; boundary=alt\r\n", Encoding.UTF8.GetBytes(
            $"--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n" +
            $"--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n--alt--\r\n"), null);

    public static byte[] WithAttachment(string from, string subject, DateTimeOffset date, string body, string fileName) =>
        Message(from, subject, date, "Content-Type: multipart/mixed; boundary=mix\r\n", Encoding.UTF8.GetBytes(
            $"--mix\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n" +
            $"--mix\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"{fileName}\"\r\n" +
            "Content-Transfer-Encoding: base64\r\n\r\nAAECAwQFBgcICQ==\r\n--mix--\r\n"), null);

    private static byte[] Message(string from, string subject, DateTimeOffset date, string contentHeaders, byte[] body, string? to)
    {
        var headers = Encoding.UTF8.GetBytes(
            $"From: {from}\r\nTo: {to ?? "Me <me@example.test>"}\r\nSubject: {subject}\r\nDate: {date:r}\r\n" +
            $"Message-ID: <{Guid.NewGuid():N}@example.test>\r\nMIME-Version: 1.0\r\n{contentHeaders}\r\n");
        return [.. headers, .. body, .. "\r\n"u8];
    }
}
