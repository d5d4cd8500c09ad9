using System.Globalization;
using System.Text;

namespace Mailroom.Bench;

/// <summary>
/// Real mail's size mix (issue #9): 70 % 2–20 KB, 25 % 20–200 KB, 5 % 0.5–3 MB; above 40 KB the bulk is a base64
/// attachment; dates spread over two years.
/// </summary>
internal static class RealisticMail
{
    private const string Words = "the quarterly report is attached please review before the meeting on thursday thanks regards ";

    public static byte[] Create(int index, Random random, string recipient)
    {
        var roll = random.NextDouble();
        var size = roll switch
        {
            < 0.05 => random.Next(512 * 1024, 3 * 1024 * 1024),
            < 0.30 => random.Next(20 * 1024, 200 * 1024),
            _ => random.Next(2 * 1024, 20 * 1024),
        };
        var date = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 2 * 365 * 24 * 60));
        var text = new StringBuilder(size + 1024);
        text.Append(CultureInfo.InvariantCulture, $"Received: from mx.sample.test by pop.example.test; {date.AddMinutes(2):ddd, dd MMM yyyy HH:mm:ss} +0000\r\n");
        text.Append(CultureInfo.InvariantCulture, $"From: \"Sender {index % 97}\" <sender{index % 97}@sample.test>\r\nTo: <{recipient}>\r\n");
        text.Append(CultureInfo.InvariantCulture, $"Subject: Bench message {index}\r\nDate: {date:ddd, dd MMM yyyy HH:mm:ss} +0000\r\n");
        text.Append(CultureInfo.InvariantCulture, $"Message-ID: <bench.{index}.{random.Next()}@sample.test>\r\nMIME-Version: 1.0\r\n");
        if (size > 40 * 1024)
        {
            text.Append("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee attachment.\r\n--b\r\n");
            text.Append("Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"file.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n");
            var binary = new byte[size * 3 / 4];
            random.NextBytes(binary);
            var base64 = Convert.ToBase64String(binary);
            for (var at = 0; at < base64.Length; at += 76)
            {
                text.Append(base64.AsSpan(at, Math.Min(76, base64.Length - at))).Append("\r\n");
            }

            text.Append("--b--\r\n");
        }
        else
        {
            text.Append("Content-Type: text/plain; charset=utf-8\r\n\r\n");
            while (text.Length < size)
            {
                text.Append(Words.AsSpan(0, random.Next(30, Words.Length))).Append("\r\n");
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
