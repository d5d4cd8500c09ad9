using Mailroom.Accounts;
using Mailroom.IntegrationTests.Hosting;
using Mailroom.Messages;
using Mailroom.Search;
using Mailroom.SenderAddresses;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.IntegrationTests.Reading;

/// <summary>
/// Puts accounts and stored messages straight into an app's database (the fetch engine is tested elsewhere);
/// summaries come from the one <see cref="MessageSummaryParser"/> the fetch engine uses too.
/// </summary>
public static class MessageSeeder
{
    public static Task<string> UserIdAsync(MailroomAppFactory app, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(user);
        return app.WithDbContextAsync(db => db.Users.Where(u => u.Email == user.Email).Select(u => u.Id).SingleAsync());
    }

    public static Task<Guid> AddAccountAsync(MailroomAppFactory app, string ownerId, string displayName)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.WithDbContextAsync(async db =>
        {
            var account = new Pop3Account
            {
                OwnerId = ownerId,
                DisplayName = displayName,
                EmailAddress = $"{displayName.ToLowerInvariant().Replace(' ', '.')}@example.test",
                Host = "127.0.0.1",
                Port = 995,
                UserName = displayName,
                ProtectedPassword = "not-a-real-secret",
                UseSsl = true,
            };
            db.Pop3Accounts.Add(account);
            await db.SaveChangesAsync();
            return account.Id;
        });
    }

    public static Task<long> AddMessageAsync(MailroomAppFactory app, Guid accountId, string ownerId, byte[] raw, DateTimeOffset? fetchedAt = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var storedAt = fetchedAt ?? new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        return app.WithDbContextAsync(async db =>
        {
            var summary = MessageSummaryParser.Parse(raw, storedAt);
            var message = summary.ToStoredMessage(accountId, ownerId, MailFolder.Inbox, raw, storedAt);
            db.Messages.Add(message);
            await db.SaveChangesAsync();
            await SearchIndex.AddAsync(db, [new IndexedMessage(message, summary.Text)], default);
            return message.Id;
        });
    }

    public static Task<long> AddMessageAsync(
        MailroomAppFactory app, Guid accountId, string ownerId, string from, string subject, DateTimeOffset sentAt, string body = "Hello there.")
    {
        var raw = System.Text.Encoding.UTF8.GetBytes(
            $"From: {from}\r\nTo: me@example.test\r\nSubject: {subject}\r\nDate: {sentAt:r}\r\nMessage-ID: <{Guid.NewGuid():N}@example.test>\r\n" +
            $"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n");
        return AddMessageAsync(app, accountId, ownerId, raw, sentAt);
    }

    /// <summary>A copy of sent mail, filed the way sending files it: folder Sent, already read.</summary>
    public static Task<long> AddSentMessageAsync(
        MailroomAppFactory app, Guid accountId, string ownerId, string to, string subject, DateTimeOffset sentAt)
    {
        ArgumentNullException.ThrowIfNull(app);
        var raw = System.Text.Encoding.UTF8.GetBytes(
            $"From: me@example.test\r\nTo: {to}\r\nSubject: {subject}\r\nDate: {sentAt:r}\r\nMessage-ID: <{Guid.NewGuid():N}@example.test>\r\n" +
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSent from Mailroom.\r\n");
        return app.WithDbContextAsync(async db =>
        {
            var summary = MessageSummaryParser.Parse(raw, sentAt);
            var message = summary.ToStoredMessage(accountId, ownerId, MailFolder.Sent, raw, sentAt);
            message.IsRead = true;
            db.Messages.Add(message);
            await db.SaveChangesAsync();
            await SearchIndex.AddAsync(db, [new IndexedMessage(message, summary.Text)], default);
            return message.Id;
        });
    }

    /// <summary>An address the user may send as (verified by code, through Mailroom's relay), belonging to an account; returns its id.</summary>
    public static Task<Guid> AddVerifiedSenderAsync(MailroomAppFactory app, string ownerId, Guid accountId, string address)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.WithDbContextAsync(async db =>
        {
            var sender = db.SenderAddresses.Add(new SenderAddress
            {
                OwnerId = ownerId,
                Address = address,
                NormalizedAddress = SenderAddress.Normalize(address),
                AccountId = accountId,
                Route = SendingRoute.MailroomRelay,
                VerifiedAt = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero),
                VerifiedBy = AddressProof.Code,
            });
            await db.SaveChangesAsync();
            return sender.Entity.Id;
        });
    }

    public static Task<bool> IsReadAsync(MailroomAppFactory app, long messageId)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.WithDbContextAsync(db => db.Messages.Where(m => m.Id == messageId).Select(m => m.IsRead).SingleAsync());
    }
}
