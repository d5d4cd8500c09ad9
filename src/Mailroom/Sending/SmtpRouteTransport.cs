using Mailroom.Network;
using Mailroom.Sending.SystemMail;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Mailroom.Sending;

/// <summary>
/// Hands a finished message to the route its sender address uses: the user's own SMTP server (signed in with the
/// saved credentials, one attempt) or Mailroom's SMTP. Every failure surfaces as a <see cref="MailFailureException"/>.
/// </summary>
internal sealed partial class SmtpRouteTransport(MailConnector connector, ISystemMailSender systemMail, ILogger<SmtpRouteTransport> logger)
{
    /// <summary>True when "Mailroom's SMTP" only writes to the outbox folder (zero-configuration mode); the UI says so.</summary>
    public bool RelayWritesToOutbox => systemMail.WritesToOutbox;

    public async Task SendViaOwnServerAsync(SmtpServerSettings server, MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(message);
        await using var session = await connector.ConnectSmtpAsync(server.Endpoint, cancellationToken);
        if (server.SignsIn)
        {
            await session.AuthenticateAsync(server.UserName!, server.Password ?? "", cancellationToken);
        }

        try
        {
            // Recipients come from To, Cc and Bcc; MailKit leaves the Bcc header out of what it transmits.
            await session.Client.SendAsync(message, cancellationToken);
            await session.CloseAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new MailFailureException(MailFailureClassifier.Classify(exception, session.Diagnostics), exception);
        }

        LogSent(logger, SendingRouteName.OwnServer);
    }

    public async Task SendViaRelayAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await systemMail.SendAsync(message, cancellationToken);
        }
        catch (Exception exception) when (exception is not MailFailureException && (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            // The relay's send step (MAIL/RCPT/DATA) throws MailKit's own exceptions; connecting already threw classified ones.
            throw new MailFailureException(MailFailureClassifier.Classify(exception), exception);
        }

        LogSent(logger, systemMail.WritesToOutbox ? SendingRouteName.Outbox : SendingRouteName.Relay);
    }

    private enum SendingRouteName
    {
        OwnServer,
        Relay,
        Outbox,
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Message handed over via {Route}")]
    private static partial void LogSent(ILogger logger, SendingRouteName route);
}
