using MailKit.Net.Smtp;
using Mailroom.Network;
using Microsoft.Extensions.Logging;

namespace Mailroom.Sending;

/// <summary>
/// Test for an own SMTP server: connect exactly as sending will (checked endpoint, verified TLS, STARTTLS required),
/// sign in with one attempt, and say goodbye. It never sends a message: a test must not mail anyone.
/// </summary>
internal sealed partial class SmtpServerTester(MailConnector connector, ILogger<SmtpServerTester> logger)
{
    public async Task<SmtpTestResult> TestAsync(SmtpServerSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            await using var session = await connector.ConnectSmtpAsync(settings.Endpoint, cancellationToken);
            if (settings.SignsIn)
            {
                await session.AuthenticateAsync(settings.UserName!, settings.Password ?? "", cancellationToken);
            }

            var client = session.Client;
            long? maxSize = client.Capabilities.HasFlag(SmtpCapabilities.Size) && client.MaxSize > 0 ? client.MaxSize : null;
            var result = new SmtpTestResult(null, settings.SignsIn, session.TlsProtocol, maxSize);
            await session.CloseAsync(cancellationToken);
            LogSucceeded(logger, settings.SignsIn);
            return result;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is not OperationCanceledException)
        {
            var failure = MailFailureClassifier.Classify(exception);
            LogFailed(logger, failure.Kind, failure.Reason);
            return SmtpTestResult.Failed(failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMTP server test succeeded (signed in: {SignedIn})")]
    private static partial void LogSucceeded(ILogger logger, bool signedIn);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMTP server test failed: {Kind} {Reason}")]
    private static partial void LogFailed(ILogger logger, MailFailureKind kind, MailFailureReason reason);
}
