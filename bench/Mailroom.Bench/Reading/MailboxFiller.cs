using System.Diagnostics;
using System.Text;
using Mailroom.Accounts;
using Mailroom.Bench.Search;
using Mailroom.Messages;
using Mailroom.Search;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Bench.Reading;

/// <summary>
/// Fills one account with N realistic stored messages (summary from the real parser, raw bytes kept), dated over
/// several years with many sharing a second, so that the id tie-break in the keyset is exercised too.
/// </summary>
internal static class MailboxFiller
{
    private const int BatchSize = 2_000;

    private static readonly string[] Senders =
    [
        "Priya Raman <priya@northwind.example>", "Build Bot <ci@northwind.example>", "Lena Fischer <lena@contoso.example>",
        "City Library <loans@library.example>", "Travel Desk <trips@travel.example>", "GitHub <noreply@github.example>",
        "Mum <mum@family.example>", "Contoso News <news@contoso.example>",
    ];

    private static readonly string[] Subjects =
    [
        "Q4 planning: agenda for Thursday", "Nightly build passed", "Re: Contract renewal", "Your loan is due soon",
        "Your booking confirmation", "New comment on pull request", "Sunday lunch?", "What shipped this month",
    ];

    public static async Task<Guid> FillAsync(BenchDatabase database, string ownerId, int count, CancellationToken cancellationToken)
    {
        var account = new Pop3Account
        {
            OwnerId = ownerId,
            DisplayName = "Bench",
            EmailAddress = "bench@example.test",
            Host = "127.0.0.1",
            Port = 995,
            UserName = "bench",
            ProtectedPassword = "not-a-real-secret",
            UseSsl = true,
        };
        await using (var db = database.NewContext())
        {
            db.Pop3Accounts.Add(account);
            await db.SaveChangesAsync(cancellationToken);
        }

        var start = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var random = new Random(42);
        var watch = Stopwatch.StartNew();
        for (var done = 0; done < count; done += BatchSize)
        {
            await using var db = database.NewContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var batch = new List<IndexedMessage>(BatchSize);
            for (var i = done; i < Math.Min(count, done + BatchSize); i++)
            {
                // About five years of mail; every tenth message shares its second with the one before.
                var sentAt = start.AddSeconds(i * 1_500L + (i % 10 == 0 ? 0 : random.Next(1, 1_400)));
                var raw = Message(i, sentAt, random);
                var summary = MessageSummaryParser.Parse(raw, sentAt);
                var message = summary.ToStoredMessage(account.Id, ownerId, MailFolder.Inbox, raw, sentAt);
                db.Messages.Add(message);
                batch.Add(new IndexedMessage(message, summary.Text));
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await SearchIndex.AddAsync(db, batch, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if ((done / BatchSize) % 10 == 9)
            {
                Console.Error.WriteLine($"  stored {done + BatchSize:N0} messages ({watch.Elapsed.TotalSeconds:F0} s)");
            }
        }

        return account.Id;
    }

    private static byte[] Message(int index, DateTimeOffset sentAt, Random random)
    {
        var body = new StringBuilder();
        var paragraphs = random.Next(2, 12);
        for (var p = 0; p < paragraphs; p++)
        {
            body.Append("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore ")
                .Append("et dolore magna aliqua. Message ").Append(index).Append(", paragraph ").Append(p).Append(".\r\n\r\n");
        }

        body.Append(SearchWords.For(index));

        return Encoding.UTF8.GetBytes(
            $"From: {Senders[index % Senders.Length]}\r\nTo: Bench <bench@example.test>\r\nSubject: {Subjects[index % Subjects.Length]} #{index}\r\n" +
            $"Date: {sentAt:r}\r\nMessage-ID: <bench-{index}@example.test>\r\nMIME-Version: 1.0\r\n" +
            $"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}");
    }

    /// <summary>The cursor that starts page <paramref name="page"/> (1-based) of the account, read once with OFFSET for the benchmark's sake.</summary>
    public static async Task<MessageCursor> CursorBeforePageAsync(BenchDatabase database, Guid accountId, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = database.NewContext();
        var last = await db.Messages.AsNoTracking()
            .Where(m => m.AccountId == accountId && m.Folder == MailFolder.Inbox)
            .OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id)
            .Skip(((page - 1) * pageSize) - 1)
            .Select(m => new { m.SentAt, m.Id })
            .FirstAsync(cancellationToken);
        return new MessageCursor(last.SentAt, last.Id);
    }
}
