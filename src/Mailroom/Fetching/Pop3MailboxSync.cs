using System.Globalization;
using System.Security.Cryptography;
using MailKit.Net.Pop3;
using Mailroom.Accounts;
using Mailroom.Network;
using Microsoft.Extensions.Options;

namespace Mailroom.Fetching;

/// <summary>
/// One POP3 session for one account: sign in, diff UIDL against the ledger, download the new messages in pipelined
/// batches while the previous batch is being committed, DELE only what is committed, and QUIT.
/// Message indexes come from this session's own UIDL listing; they are never reused across sessions.
/// </summary>
internal sealed class Pop3MailboxSync(
    MailConnector connector,
    Pop3PasswordProtector passwords,
    UidLedger ledger,
    FetchedBatchWriter writer,
    IOptionsMonitor<FetchingOptions> options,
    TimeProvider time)
{
    public async Task RunAsync(FetchLease lease, FetchTarget account, FetchProgress progress, FetchTally tally, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(tally);
        var settings = options.CurrentValue;

        await using var session = await connector.ConnectPop3Async(account.Endpoint, cancellationToken);
        await session.AuthenticateAsync(account.UserName, RevealPassword(account), cancellationToken);
        tally.SignedInAt = time.GetUtcNow();
        var client = session.Client;
        if (client.Capabilities.HasFlag(Pop3Capabilities.LoginDelay))
        {
            // RFC 2449 §6.8 gives LOGIN-DELAY in seconds; MailKit passes the number through unchanged.
            tally.ServerLoginDelay = TimeSpan.FromSeconds(client.LoginDelay);
        }

        IList<string> uids;
        try
        {
            uids = await client.GetMessageUidsAsync(cancellationToken);
        }
        catch (NotSupportedException exception)
        {
            throw new MailFailureException(MailFailureClassifier.NoUidl(), exception);
        }

        var sizes = await client.GetMessageSizesAsync(cancellationToken);
        var known = await ledger.LoadAsync(account.AccountId, [.. uids], cancellationToken);
        var plan = UidDiff.Plan([.. uids], [.. sizes.Select(s => (long)s)], known, account.Rule, settings.MaxMessageSize, time.GetUtcNow());
        progress.Start(plan.Download.Count + plan.TooLarge.Count, plan.Download.Sum(m => m.Size));

        var deleted = new List<string>();
        if (plan.TooLarge.Count > 0)
        {
            var skipped = plan.TooLarge.Select(m => new SkippedMessage(m, TooLargeReason(m.Size, settings.MaxMessageSize))).ToList();
            tally.Add(await writer.CommitAsync(lease, account, [], skipped, cancellationToken));
            progress.Advance(skipped.Count, 0);
        }

        if (plan.DeleteNow.Count > 0)
        {
            await DeleteAsync(client, plan.DeleteNow, deleted, tally, cancellationToken);
        }

        await DownloadAsync(client, lease, account, plan.Download, settings, progress, tally, deleted, cancellationToken);

        // QUIT makes the DELEs final (RFC 1939 §6); a session that dies before this deletes nothing.
        await session.CloseAsync(cancellationToken);
        await ledger.MarkDeletedFromServerAsync(account.AccountId, [.. deleted, .. plan.GoneFromServer], time.GetUtcNow(), cancellationToken);
    }

    private async Task DownloadAsync(
        Pop3Client client, FetchLease lease, FetchTarget account, IReadOnlyList<ServerMessage> messages, FetchingOptions settings,
        FetchProgress progress, FetchTally tally, List<string> deleted, CancellationToken cancellationToken)
    {
        // Two stages: while batch N is parsed and committed on the thread pool, batch N+1 is downloaded.
        // At most two batches are in memory, whatever the mailbox size.
        Task<CommittedBatch>? committing = null;
        try
        {
            foreach (var batch in UidDiff.Batches(messages, settings.BatchMaxMessages, settings.BatchMaxBytes))
            {
                var fetched = await RetrieveAsync(client, batch, cancellationToken);
                if (committing is not null)
                {
                    await AfterCommitAsync(client, account, await committing, progress, tally, deleted, cancellationToken);
                }

                committing = Task.Run(() => writer.CommitAsync(lease, account, fetched, [], cancellationToken), cancellationToken);
            }

            if (committing is not null)
            {
                var last = committing;
                committing = null;
                await AfterCommitAsync(client, account, await last, progress, tally, deleted, cancellationToken);
            }
        }
        finally
        {
            if (committing is not null)
            {
                // The download failed while a commit was running: let it finish so its messages count and its
                // database context is not abandoned mid-write. Its own failure adds nothing to the one in flight.
                await ObserveAsync(committing, tally, progress);
            }
        }
    }

    private static async Task ObserveAsync(Task<CommittedBatch> committing, FetchTally tally, FetchProgress progress)
    {
        try
        {
            var batch = await committing;
            tally.Add(batch);
            progress.Advance(batch.Committed.Count, batch.Committed.Sum(m => m.Size));
        }
#pragma warning disable CA1031 // Runs only while another exception propagates; throwing here would replace it.
        catch (Exception)
        {
            // That batch was not committed, so none of its messages may be deleted; the next fetch downloads them again.
        }
#pragma warning restore CA1031
    }

    private static async Task AfterCommitAsync(
        Pop3Client client, FetchTarget account, CommittedBatch batch, FetchProgress progress, FetchTally tally, List<string> deleted,
        CancellationToken cancellationToken)
    {
        tally.Add(batch);
        progress.Advance(batch.Committed.Count, batch.Committed.Sum(m => m.Size));
        if (account.Rule.DeletesOnCommit && batch.Committed.Count > 0)
        {
            await DeleteAsync(client, batch.Committed, deleted, tally, cancellationToken);
        }
    }

    private static async Task<List<FetchedMessage>> RetrieveAsync(Pop3Client client, IReadOnlyList<ServerMessage> batch, CancellationToken cancellationToken)
    {
        // MailKit pipelines the RETR commands when the server advertises PIPELINING (RFC 2449 §6.6).
        var streams = await client.GetStreamsAsync([.. batch.Select(m => m.Index)], headersOnly: false, cancellationToken);
        try
        {
            var fetched = new List<FetchedMessage>(batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                fetched.Add(new FetchedMessage(batch[i], await ReadAllAsync(streams[i], cancellationToken)));
            }

            return fetched;
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        stream.Position = 0;
        var content = new byte[stream.Length];
        await stream.ReadExactlyAsync(content, cancellationToken);
        return content;
    }

    private static async Task DeleteAsync(Pop3Client client, IReadOnlyList<ServerMessage> messages, List<string> deleted, FetchTally tally, CancellationToken cancellationToken)
    {
        await client.DeleteMessagesAsync([.. messages.Select(m => m.Index)], cancellationToken);
        deleted.AddRange(messages.Select(m => m.Uid));
        tally.AddDeleted(messages.Count);
    }

    private string RevealPassword(FetchTarget account)
    {
        try
        {
            return passwords.Unprotect(account.ProtectedPassword);
        }
        catch (CryptographicException exception)
        {
            // Counts like a rejected password: the user must type it again, and repeated failures disable the account.
            throw new MailFailureException(new MailFailure(MailFailureKind.Authentication, MailFailureReason.Credentials,
                "Mailroom can no longer read the stored password (its encryption key is gone). Enter the password again."), exception);
        }
    }

    private static string TooLargeReason(long size, long limit) => string.Create(CultureInfo.InvariantCulture,
        $"Left on the server: {size / 1048576.0:0.#} MB is over the {limit / 1048576.0:0.#} MB size limit.");
}
