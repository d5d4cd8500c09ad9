using Mailroom.Accounts;
using Mailroom.Fetching;
using Mailroom.Network;
using Mailroom.Tests.Accounts;
using Mailroom.Tests.Network;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Mailroom.Tests.Fetching;

/// <summary>
/// The fetch engine against scripted POP3 transcripts: the orderings no real server produces on demand. Each batch
/// here is one message (BatchMaxMessages = 1), so "between batches" is between two RETRs.
/// </summary>
public sealed class Pop3MailboxSyncTranscriptTests : IDisposable
{
    private const string Greeting = "+OK Scripted POP3 ready";
    private static readonly string[] Capabilities = ["+OK", "USER", "UIDL", "PIPELINING", "RESP-CODES", "."];
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly Pop3PasswordProtector _passwords = new(new EphemeralDataProtectionProvider());
    private readonly FetchStateStore _states;

    public Pop3MailboxSyncTranscriptTests() => _states = new FetchStateStore(_database, _time);

    [Fact]
    public async Task DeleteFromServer_SendsEachDele_OnlyOnceThatMessageIsCommitted()
    {
        await using var server = ScriptedPop3Server.Start(Greeting, [.. SignIn(2), Retr(1), Retr(2), ("DELE 1", ["+OK"]), ("DELE 2", ["+OK"]), ("QUIT", ["+OK Bye"])]);
        var (lease, target) = await ClaimAsync(server, RetrievalPolicy.DeleteFromServer);
        var committedAtDele = new List<bool>();
        server.BeforeReply = async line =>
        {
            if (line.StartsWith("DELE ", StringComparison.Ordinal))
            {
                committedAtDele.Add((await StoredUidsAsync(target.AccountId)).Contains($"uid-{line[5..]}"));
            }
        };

        await Sync(server).RunAsync(lease, target, new FetchProgress(), new FetchTally(), default);

        Assert.True(await server.CompletedAsync());
        Assert.Null(server.Mismatch);
        Assert.Equal([true, true], committedAtDele);
        Assert.Equal(["uid-1", "uid-2"], (await StoredUidsAsync(target.AccountId)).Order());
    }

    [Fact]
    public async Task ErrInTheMiddleOfARetrBatch_FailsTheFetch_KeepsTheBatchBefore_AndDeletesNothing()
    {
        // Batches of two: [1, 2] is committed while [3, 4] downloads, and RETR 3 is refused in the middle of that pipeline.
        await using var server = ScriptedPop3Server.Start(Greeting,
            [.. SignIn(4), Retr(1), Retr(2), ("RETR 3", ["-ERR [SYS/TEMP] Message is being moved"]), Retr(4)]);
        var (lease, target) = await ClaimAsync(server, RetrievalPolicy.DeleteFromServer);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Sync(server, batchSize: 2).RunAsync(lease, target, new FetchProgress(), new FetchTally(), default));

        Assert.True(MailFailureClassifier.Classify(failure).IsTemporary, failure.ToString());
        Assert.Equal(["uid-1", "uid-2"], (await StoredUidsAsync(target.AccountId)).Order());
        Assert.DoesNotContain(server.Received, line => line.StartsWith("DELE", StringComparison.Ordinal) || line == "QUIT");
    }

    [Fact]
    public async Task LeaseLostBetweenBatches_StopsBeforeTheNextCommit_AndNeverDeletesWhatItDidNotCommit()
    {
        await using var server = ScriptedPop3Server.Start(Greeting, [.. SignIn(2), Retr(1), Retr(2), ("DELE 1", ["+OK"])]);
        var (lease, target) = await ClaimAsync(server, RetrievalPolicy.DeleteFromServer);
        server.BeforeReply = async line =>
        {
            if (line == "RETR 2")
            {
                // Batch 1 is committed under the lease; then this node stalls past its expiry and another node claims the account.
                while (!(await StoredUidsAsync(target.AccountId)).Contains("uid-1"))
                {
                    await Task.Delay(10);
                }

                _time.Advance(Lease);
                Assert.Single(await _states.ClaimDueAsync("node-b", 1, Lease, ClaimFilter.Any, default));
            }
        };

        await Assert.ThrowsAsync<LeaseLostException>(() => Sync(server).RunAsync(lease, target, new FetchProgress(), new FetchTally(), default));

        Assert.Equal(["uid-1"], await StoredUidsAsync(target.AccountId));
        Assert.DoesNotContain("DELE 2", server.Received);
        Assert.DoesNotContain("QUIT", server.Received);
    }

    private static (string, string[])[] SignIn(int messages) =>
    [
        ("CAPA", Capabilities),
        ("USER alice", ["+OK"]),
        ("PASS secret", ["+OK Logged in."]),
        ("CAPA", Capabilities),
        ("STAT", [$"+OK {messages} {messages * 100}"]),
        ("UIDL", ["+OK", .. Enumerable.Range(1, messages).Select(i => $"{i} uid-{i}"), "."]),
        ("LIST", ["+OK", .. Enumerable.Range(1, messages).Select(i => $"{i} 100"), "."]),
    ];

    private static (string, string[]) Retr(int index) => ($"RETR {index}",
    [
        "+OK 100 octets",
        $"From: Sender {index} <sender{index}@example.test>",
        "To: alice@example.test",
        $"Subject: Message {index}",
        $"Message-ID: <m{index}@example.test>",
        "Date: Tue, 01 Dec 2026 11:00:00 +0000",
        "",
        $"Body of message {index}.",
        ".",
    ]);

    private Pop3MailboxSync Sync(ScriptedPop3Server server, int batchSize = 1)
    {
        var options = new FetchingOptions { BatchMaxMessages = batchSize };
        return new Pop3MailboxSync(
            TestConnectors.ForScriptedServer(server.Port), _passwords, new UidLedger(_database), new FetchedBatchWriter(_database, _time),
            new FetchMemoryBudget(Options.Create(options)), new StaticOptionsMonitor<FetchingOptions>(options), _time);
    }

    private async Task<(FetchLease Lease, FetchTarget Target)> ClaimAsync(ScriptedPop3Server server, RetrievalPolicy policy)
    {
        var accountId = await _database.AddAccountAsync(port: server.Port);
        await _states.ScheduleNewAccountsAsync(default);
        var lease = (await _states.ClaimDueAsync("node-a", 1, Lease, ClaimFilter.Any, default)).Single().Lease;
        await using var db = _database.CreateDbContext();
        var ownerId = await db.Pop3Accounts.Where(a => a.Id == accountId).Select(a => a.OwnerId).SingleAsync();
        var target = new FetchTarget(accountId, ownerId, new MailEndpoint("pop.example.test", server.Port, MailTransportSecurity.StartTls),
            "alice", _passwords.Protect("secret"), new RetrievalRule(policy, null));
        return (lease, target);
    }

    private async Task<List<string>> StoredUidsAsync(Guid accountId)
    {
        await using var db = _database.CreateDbContext();
        return await db.UidLedger.AsNoTracking().Where(e => e.AccountId == accountId && e.StoredMessageId != null).Select(e => e.Uid).ToListAsync();
    }

    public void Dispose() => _database.Dispose();
}
