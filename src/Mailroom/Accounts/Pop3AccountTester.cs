using MailKit.Net.Pop3;
using Mailroom.Network;
using Microsoft.Extensions.Logging;

namespace Mailroom.Accounts;

/// <summary>
/// Test Account: connects exactly as the fetcher will (checked endpoint, verified TLS, one sign-in attempt),
/// then checks what fetching depends on (UIDL) and reports what the server offers. Nothing is retrieved or deleted.
/// </summary>
internal sealed partial class Pop3AccountTester(MailConnector connector, ILogger<Pop3AccountTester> logger)
{
    public async Task<AccountTestResult> TestAsync(Pop3ConnectionSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var security = settings.UseSsl ? MailTransportSecurity.SslOnConnect : MailTransportSecurity.StartTls;
        var endpoint = new MailEndpoint(settings.Host, settings.Port, security);
        try
        {
            await using var session = await connector.ConnectPop3Async(endpoint, cancellationToken);
            await session.AuthenticateAsync(settings.UserName, settings.Password, cancellationToken);
            var result = await InspectAsync(session, cancellationToken);
            if (result.Failure is { } failure)
            {
                LogFailed(logger, failure.Kind, failure.Reason);
            }
            else
            {
                LogSucceeded(logger);
            }

            return result;
        }
        catch (MailFailureException exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, exception.Failure.Kind, exception.Failure.Reason);
            return AccountTestResult.Failed(exception.Failure);
        }
    }

    private static async Task<AccountTestResult> InspectAsync(MailSession<Pop3Client> session, CancellationToken cancellationToken)
    {
        var client = session.Client;
        try
        {
            // MailKit learns UIDL from CAPA, or probes "UIDL 1" when CAPA is missing and the mailbox is not empty.
            // Without it, messages cannot be told apart across sessions and every fetch would store duplicates.
            if (!client.SupportsUids)
            {
                await session.CloseAsync(cancellationToken);
                return AccountTestResult.Failed(MailFailureClassifier.NoUidl());
            }

            // MailKit keeps LOGIN-DELAY as the server wrote it: seconds (RFC 2449 §6.8), whatever its docs say.
            var messageCount = await client.GetMessageCountAsync(cancellationToken);
            var report = new Pop3ServerReport(
                session.TlsProtocol,
                CapabilityNames(client),
                SupportsUidl: true,
                SupportsPipelining: client.Capabilities.HasFlag(Pop3Capabilities.Pipelining),
                LoginDelay: client.Capabilities.HasFlag(Pop3Capabilities.LoginDelay) ? TimeSpan.FromSeconds(client.LoginDelay) : null,
                ExpireDays: client.Capabilities.HasFlag(Pop3Capabilities.Expire) ? client.ExpirePolicy : null,
                MessageCount: messageCount,
                TotalSize: client.Size);
            await session.CloseAsync(cancellationToken);
            return AccountTestResult.Success(report);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return AccountTestResult.Failed(MailFailureClassifier.Classify(exception, session.Diagnostics));
        }
    }

    private static List<string> CapabilityNames(Pop3Client client)
    {
        var names = new List<string>();
        void AddIf(Pop3Capabilities capability, string name)
        {
            if (client.Capabilities.HasFlag(capability))
            {
                names.Add(name);
            }
        }

        AddIf(Pop3Capabilities.UIDL, "UIDL");
        AddIf(Pop3Capabilities.Pipelining, "PIPELINING");
        AddIf(Pop3Capabilities.Top, "TOP");
        if (client.Capabilities.HasFlag(Pop3Capabilities.LoginDelay))
        {
            names.Add($"LOGIN-DELAY {client.LoginDelay}");
        }

        if (client.Capabilities.HasFlag(Pop3Capabilities.Expire))
        {
            names.Add(client.ExpirePolicy < 0 ? "EXPIRE NEVER" : $"EXPIRE {client.ExpirePolicy}");
        }

        AddIf(Pop3Capabilities.StartTLS, "STLS");
        AddIf(Pop3Capabilities.Sasl, "SASL");
        AddIf(Pop3Capabilities.User, "USER");
        AddIf(Pop3Capabilities.ResponseCodes, "RESP-CODES");
        AddIf(Pop3Capabilities.UTF8, "UTF8");
        return names;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account test succeeded")]
    private static partial void LogSucceeded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account test failed: {Kind} {Reason}")]
    private static partial void LogFailed(ILogger logger, MailFailureKind kind, MailFailureReason reason);
}
