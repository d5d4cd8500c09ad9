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
    FetchMemoryBudget memory,
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

        await using var connection = await connector.ConnectPop3Async(account.Endpoint, cancellationToken);
        await connection.AuthenticateAsync(account.UserName, RevealPassword(account), cancellationToken);
        tally.SignedInAt = time.GetUtcNow();
        var session = new FetchSession(connection.Client, lease, account, progress, tally);
        if (session.Client.Capabilities.HasFlag(Pop3Capabilities.LoginDelay))
        {
            // RFC 2449 §6.8 gives LOGIN-DELAY in seconds; MailKit passes the number through unchanged.
            tally.ServerLoginDelay = TimeSpan.FromSeconds(session.Client.LoginDelay);
        }

        IList<string> uids;
        try
        {
            uids = await session.Client.GetMessageUidsAsync(cancellationToken);
        }
        catch (NotSupportedException exception)
        {
            throw new MailFailureException(MailFailureClassifier.NoUidl(), exception);
        }

        var sizes = await session.Client.GetMessageSizesAsync(cancellationToken);
        var known = await ledger.LoadAsync(account.AccountId, [.. uids], cancellationToken);
        var plan = UidDiff.Plan([.. uids], [.. sizes.Select(s => (long)s)], known, account.Rule, settings.MaxMessageSize, time.GetUtcNow());
        progress.Start(plan.Download.Count + plan.TooLarge.Count, plan.Download.Sum(m => m.Size));

        if (plan.TooLarge.Count > 0)
        {
            var skipped = plan.TooLarge.Select(m => new SkippedMessage(m, TooLargeReason(m.Size, settings.MaxMessageSize))).ToList();
            tally.Add(await writer.CommitAsync(lease, account, [], skipped, cancellationToken));
            progress.Advance(skipped.Count, 0);
        }

        if (plan.DeleteNow.Count > 0)
        {
            await session.DeleteAsync(plan.DeleteNow, cancellationToken);
        }

        await DownloadAsync(session, plan.Download, settings, cancellationToken);

        // QUIT makes the DELEs final (RFC 1939 §6); a session that dies before this deletes nothing.
        await connection.CloseAsync(cancellationToken);
        await ledger.MarkDeletedFromServerAsync(account.AccountId, [.. session.Deleted, .. plan.GoneFromServer], time.GetUtcNow(), cancellationToken);
    }

    private async Task DownloadAsync(FetchSession session, IReadOnlyList<ServerMessage> messages, FetchingOptions settings, CancellationToken cancellationToken)
    {
        // Two stages: while batch N is parsed and committed on the thread pool, batch N+1 is downloaded.
        // At most two batches are in memory, whatever the mailbox size, and both count against the node's memory budget.
        Task<CommittedBatch>? committing = null;
        try
        {
            foreach (var batch in UidDiff.Batches(messages, settings.BatchMaxMessages, settings.BatchMaxBytes))
            {
                var held = await memory.AcquireAsync(batch.Sum(m => m.Size), cancellationToken);
                List<FetchedMessage> fetched;
                try
                {
                    fetched = await RetrieveAsync(session.Client, batch, cancellationToken);
                }
                catch
                {
                    held.Dispose();
                    throw;
                }

                if (committing is not null)
                {
                    await AfterCommitAsync(session, await committing, cancellationToken);
                }

                committing = CommitAsync(session, fetched, held, cancellationToken);
            }

            if (committing is not null)
            {
                var last = committing;
                committing = null;
                await AfterCommitAsync(session, await last, cancellationToken);
            }
        }
        finally
        {
            if (committing is not null)
            {
                // The download failed while a commit was running: let it finish so its messages count and its
                // database context is not abandoned mid-write. Its own failure adds nothing to the one in flight.
                await ObserveAsync(committing, session);
            }
        }
    }

    /// <summary>Commits on the thread pool and gives the batch's bytes back the moment the commit ends, whoever awaits it.</summary>
    private Task<CommittedBatch> CommitAsync(FetchSession session, List<FetchedMessage> fetched, IDisposable held, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            using (held)
            {
                try
                {
                    return await writer.CommitAsync(session.Lease, session.Account, fetched, [], cancellationToken);
                }
                finally
                {
                    foreach (var message in fetched)
                    {
                        await message.Content.DisposeAsync();
                    }
                }
            }
        }, cancellationToken);

    private static async Task ObserveAsync(Task<CommittedBatch> committing, FetchSession session)
    {
        try
        {
            session.Count(await committing);
        }
#pragma warning disable CA1031 // Runs only while another exception propagates; throwing here would replace it.
        catch (Exception)
        {
            // That batch was not committed, so none of its messages may be deleted; the next fetch downloads them again.
        }
#pragma warning restore CA1031
    }

    private static async Task AfterCommitAsync(FetchSession session, CommittedBatch batch, CancellationToken cancellationToken)
    {
        session.Count(batch);
        if (session.Account.Rule.DeletesOnCommit && batch.Committed.Count > 0)
        {
            await session.DeleteAsync(batch.Committed, cancellationToken);
        }
    }

    private static async Task<List<FetchedMessage>> RetrieveAsync(Pop3Client client, IReadOnlyList<ServerMessage> batch, CancellationToken cancellationToken)
    {
        // MailKit pipelines the RETR commands when the server advertises PIPELINING (RFC 2449 §6.6). Each stream is
        // MailKit's pooled in-memory copy of one message; it is parsed and stored from there, then disposed.
        var streams = await client.GetStreamsAsync([.. batch.Select(m => m.Index)], headersOnly: false, cancellationToken);
        return [.. batch.Select((message, i) => new FetchedMessage(message, streams[i]))];
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
