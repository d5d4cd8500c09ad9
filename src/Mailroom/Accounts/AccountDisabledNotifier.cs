using Mailroom.Data;
using Mailroom.Network;
using Mailroom.Sending.SystemMail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Mailroom.Accounts;

/// <summary>Tells a user by email that Mailroom stopped fetching one of their accounts, so that a silent failure cannot go unnoticed.</summary>
internal sealed partial class AccountDisabledNotifier(
    IDbContextFactory<MailroomDbContext> databases, ISystemMailSender mail, IOptions<AccountLinksOptions> links, ILogger<AccountDisabledNotifier> logger)
{
    public async Task NotifyAsync(Guid accountId, int failures, MailFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var target = await db.Pop3Accounts
            .Where(a => a.Id == accountId)
            .Join(db.Users, a => a.OwnerId, u => u.Id, (a, u) => new { a.DisplayName, a.EmailAddress, OwnerEmail = u.Email, OwnerName = u.UserName })
            .SingleOrDefaultAsync(cancellationToken);
        if (target?.OwnerEmail is not { Length: > 0 } ownerEmail)
        {
            LogNoAddress(logger, accountId);
            return;
        }

        // The same page the banner in the mail view leads to.
        var page = links.Value.EditPage(accountId);
        var message = new MimeMessage
        {
            Subject = $"Mailroom stopped fetching {target.DisplayName} ({target.EmailAddress})",
            Body = new TextPart("plain")
            {
                Text = $"""
                    Hello,

                    Mailroom has disabled your mail account "{target.DisplayName}" ({target.EmailAddress}) because the mail server refused the user name or password {failures} times in a row.

                    The server's answer: {failure.Message}

                    If you changed the password of that mailbox, open the page below, enter the new password, press Test Account and save: fetching resumes at once. Mail that arrived in the meantime stays on the server and will be fetched then.

                    {page}

                    This message was sent automatically by Mailroom.
                    """,
            },
        };
        message.To.Add(new MailboxAddress(target.OwnerName, ownerEmail));

        // The account is already disabled and says why on the Mail Accounts page; a mail outage must not undo that
        // or fail the fetch that noticed it, so a sending failure is logged and left at that.
        try
        {
            await mail.SendAsync(message, cancellationToken);
        }
        catch (Exception exception) when (exception is MailFailureException or IOException or UnauthorizedAccessException or MailKit.CommandException or MailKit.ProtocolException)
        {
            LogNotSent(logger, accountId, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} was disabled but its owner has no email address to notify")]
    private static partial void LogNoAddress(ILogger logger, Guid accountId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The disabled-account notice for account {AccountId} could not be sent")]
    private static partial void LogNotSent(ILogger logger, Guid accountId, Exception exception);
}
