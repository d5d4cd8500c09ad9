using System.Globalization;
using System.Text;

namespace Mailroom.IntegrationTests.Fetching;

/// <summary>Realistic test messages: varied dates and the size mix of real mailboxes (most 2–20 KB, a quarter 20–200 KB, a few 0.5–3 MB).</summary>
public static class SampleMail
{
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public sealed record Sample(string MessageId, DateTimeOffset Date, byte[] Bytes);

    public static IReadOnlyList<Sample> Create(int count, int seed, string recipient, bool includeLarge = true)
    {
        var random = new Random(seed);
        var samples = new List<Sample>(count);
        for (var i = 0; i < count; i++)
        {
            var roll = random.NextDouble();
            var size = roll switch
            {
                < 0.01 when includeLarge => random.Next(512 * 1024, 3 * 1024 * 1024),
                < 0.26 => random.Next(20 * 1024, 200 * 1024),
                _ => random.Next(2 * 1024, 20 * 1024),
            };

            // Distinct dates a few minutes apart, shuffled against the delivery order.
            var date = Epoch.AddMinutes(random.Next(0, 1_000_000) * 3 + i % 3).AddSeconds(i % 60);
            var id = $"{seed}.{i}.{Guid.NewGuid():N}@sample.test";
            samples.Add(new Sample(id, date, Build(id, date, recipient, size, random, withAttachment: size > 100 * 1024)));
        }

        return samples;
    }

    private static byte[] Build(string messageId, DateTimeOffset date, string recipient, int size, Random random, bool withAttachment)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Return-Path: <sender@sample.test>\r\n");
        text.Append(CultureInfo.InvariantCulture, $"Received: from mx.sample.test by pop.example.test; {date.AddMinutes(1).ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture)} +0000\r\n");
        text.Append(CultureInfo.InvariantCulture, $"From: \"Sample Sender\" <sender@sample.test>\r\n");
        text.Append(CultureInfo.InvariantCulture, $"To: <{recipient}>\r\n");
        text.Append(CultureInfo.InvariantCulture, $"Subject: Sample {messageId[..12]}\r\n");
        text.Append(CultureInfo.InvariantCulture, $"Date: {date.ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture)} +0000\r\n");
        text.Append(CultureInfo.InvariantCulture, $"Message-ID: <{messageId}>\r\nMIME-Version: 1.0\r\n");
        if (withAttachment)
        {
            text.Append("Content-Type: multipart/mixed; boundary=\"sample-boundary\"\r\n\r\n--sample-boundary\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
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
