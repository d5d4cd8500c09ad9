using System.Text;
using Mailroom.Accounts;
using Mailroom.Data;
using Mailroom.Search;
using Mailroom.Messages;
using Mailroom.Users;

namespace Mailroom.Tests.Messages;

/// <summary>A private SQLite database per test (<see cref="SqliteTestDatabase"/>), with users, accounts and messages seeded directly.</summary>
internal sealed class MessageDatabase : IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public MailroomDbContext NewContext() => _database.CreateDbContext();

    public void Dispose() => _database.Dispose();

    public async Task<string> AddUserAsync(string name)
    {
        await using var db = NewContext();
        var user = new MailroomUser { UserName = name, Email = name };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    public async Task<Guid> AddAccountAsync(string ownerId, string displayName)
    {
        await using var db = NewContext();
        var account = new Pop3Account
        {
            OwnerId = ownerId,
            DisplayName = displayName,
            EmailAddress = $"{displayName}@example.test",
            Host = "127.0.0.1",
            Port = 995,
            UserName = displayName,
            ProtectedPassword = "x",
        };
        db.Pop3Accounts.Add(account);
        await db.SaveChangesAsync();
        return account.Id;
    }

    public async Task<long> AddMessageAsync(Guid accountId, string ownerId, DateTimeOffset sentAt, string from = "sender@example.test", string subject = "Subject", string to = "me@example.test")
    {
        var raw = Encoding.UTF8.GetBytes($"From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nDate: {sentAt:r}\r\n\r\nBody\r\n");
        await using var db = NewContext();
        var summary = MessageSummaryParser.Parse(raw, sentAt);
        var message = summary.ToStoredMessage(accountId, ownerId, MailFolder.Inbox, raw, sentAt);
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        await SearchIndex.AddAsync(db, [new IndexedMessage(message, summary.Text)], default);
        return message.Id;
    }
}
