using System.Globalization;
using MimeKit;
using MimeKit.Text;

namespace Mailroom.IntegrationTests.TestEnvironment;

/// <summary>One generated message: its raw bytes (CRLF, as on the wire) and what a test may look for.</summary>
public sealed record SampleMessage(string MessageId, string Subject, DateTimeOffset Date, string From, byte[] Raw);

/// <summary>
/// Realistic RFC 5322 messages for the test mailboxes, in four rotating shapes: plain text, text + HTML
/// alternative, mixed with an attachment, and non-ASCII headers and body. Dates go back an hour per message
/// from 2026-11-01, in different zones, so ordering by sent date is distinguishable from delivery order.
/// </summary>
public static partial class SampleMessages
{
    private static readonly DateTimeOffset Newest = new(2026, 11, 1, 9, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan[] Offsets = [TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromHours(-5), TimeSpan.FromHours(5.5)];

    public static IReadOnlyList<SampleMessage> Create(int count, string to)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Enumerable.Range(0, count).Select(i => CreateOne(i, to)).ToList();
    }

    public static SampleMessage CreateOne(int index, string to)
    {
        var date = Newest.AddHours(-index).ToOffset(Offsets[index % Offsets.Length]);
        var messageId = $"{Guid.NewGuid():N}@sender.example";
        var number = index.ToString(CultureInfo.InvariantCulture);
        var (fromName, subject, body) = (index % 4) switch
        {
            0 => ("Ada Lovelace", $"Quarterly numbers #{number}", (MimeEntity)Text($"Hello,\n\nthe numbers for message {number} are attached in the text below.\n\n-- \nAda\n")),
            1 => ("Grace Hopper", $"Meeting notes #{number}", Alternative(number)),
            2 => ("Alan Turing", $"Invoice #{number}", WithAttachment(number)),
            _ => ("Zoë Ångström", $"Grüße aus Köln – Nachricht #{number}", Text($"Schöne Grüße, {number}!\nÄrger mit Umlauten? Nein.\n")),
        };

        var message = new MimeMessage { MessageId = messageId, Subject = subject, Date = date, Body = body };
        message.From.Add(new MailboxAddress(fromName, $"{fromName.Split(' ')[0].ToLowerInvariant()}@sender.example"));
        message.To.Add(MailboxAddress.Parse(to));

        using var stream = new MemoryStream();
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        message.WriteTo(format, stream);
        return new SampleMessage(messageId, subject, date, message.From.ToString(), stream.ToArray());
    }

    private static TextPart Text(string text) => new(TextFormat.Plain) { Text = text };

    private static Multipart Alternative(string number) => new("alternative")
    {
        Text($"Notes for meeting {number}:\n- agenda\n- decisions\n"),
        new TextPart(TextFormat.Html) { Text = $"<p>Notes for meeting <b>{number}</b>:</p><ul><li>agenda</li><li>decisions</li></ul>" },
    };

    private static Multipart WithAttachment(string number)
    {
        var attachment = new MimePart("application", "pdf")
        {
            Content = new MimeContent(new MemoryStream(System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% invoice {number}\n%%EOF\n"))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = $"invoice-{number}.pdf",
        };
        return new Multipart("mixed") { Text($"Please find invoice {number} attached.\n"), attachment };
    }
}
