using System.Globalization;
using System.Text;

namespace Mailroom.IntegrationTests.TestEnvironment;

/// <summary>
/// Messages with the size mix of real mailboxes (most 2–20 KB, a quarter 20–200 KB, 1 % 0.5–3 MB) and distinct dates
/// shuffled against the delivery order: what the fetch tests need to exercise batching, size limits and cut streams.
/// The same seed gives the same sizes and dates, so a failing run can be repeated.
/// </summary>
public static partial class SampleMessages
{
    private const string MixedSender = "\"Sample Sender\" <sender@sample.test>";
    private static readonly DateTimeOffset MixedEpoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<SampleMessage> CreateMixedSizes(int count, int seed, string to, bool includeLarge = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var messages = new List<SampleMessage>(count);
        for (var i = 0; i < count; i++)
        {
            var roll = random.NextDouble();
            var size = roll switch
            {
                < 0.01 when includeLarge => random.Next(512 * 1024, 3 * 1024 * 1024),
                < 0.26 => random.Next(20 * 1024, 200 * 1024),
                _ => random.Next(2 * 1024, 20 * 1024),
            };

            var date = MixedEpoch.AddMinutes(random.Next(0, 1_000_000) * 3 + i % 3).AddSeconds(i % 60);
            var messageId = $"{seed}.{i}.{Guid.NewGuid():N}@sample.test";
            var subject = $"Sample {messageId[..12]}";
            var raw = BuildSized(messageId, subject, date, to, size, random, withAttachment: size > 100 * 1024);
            messages.Add(new SampleMessage(messageId, subject, date, MixedSender, raw));
        }

        return messages;
    }

    private static byte[] BuildSized(string messageId, string subject, DateTimeOffset date, string to, int size, Random random, bool withAttachment)
    {
        var text = new StringBuilder();
        text.Append("Return-Path: <sender@sample.test>\r\n");
        text.Append(CultureInfo.InvariantCulture, $"Received: from mx.sample.test by pop.example.test; {date.AddMinutes(1).ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture)} +0000\r\n");
        text.Append(CultureInfo.InvariantCulture, $"From: {MixedSender}\r\n");
        text.Append(CultureInfo.InvariantCulture, $"To: <{to}>\r\n");
        text.Append(CultureInfo.InvariantCulture, $"Subject: {subject}\r\n");
        text.Append(CultureInfo.InvariantCulture, $"Date: {date.ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture)} +0000\r\n");
        text.Append(CultureInfo.InvariantCulture, $"Message-ID: <{messageId}>\r\nMIME-Version: 1.0\r\n");
        if (withAttachment)
        {
            text.Append("Content-Type: multipart/mixed; boundary=\"sample-boundary\"\r\n\r\n--sample-boundary\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
            // A line starting with a dot: POP3 dot-stuffing (RFC 1939 §3) must be undone byte-exactly.
            text.Append("Please find the attached file.\r\n.leading dot line survives dot-stuffing\r\n--sample-boundary\r\n");
            text.Append("Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"data.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n");
            var binary = new byte[(size - text.Length) * 3 / 4];
            random.NextBytes(binary);
            var base64 = Convert.ToBase64String(binary);
            for (var at = 0; at < base64.Length; at += 76)
            {
                text.Append(base64.AsSpan(at, Math.Min(76, base64.Length - at))).Append("\r\n");
            }

            text.Append("--sample-boundary--\r\n");
        }
        else
        {
            text.Append("Content-Type: text/plain; charset=utf-8\r\n\r\n");
            const string Words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor ";
            while (text.Length < size)
            {
                text.Append(Words.AsSpan(0, random.Next(20, Words.Length))).Append("\r\n");
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
