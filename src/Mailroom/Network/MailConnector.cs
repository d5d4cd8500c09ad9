using System.Net.Sockets;
using MailKit;
using MailKit.Net.Pop3;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace Mailroom.Network;

/// <summary>
/// Opens POP3 and SMTP connections the one safe way: checked port, checked address (connected to directly, no
/// second lookup), TLS with full certificate verification, and never credentials over an unencrypted link
/// unless the administrator allows plaintext.
/// </summary>
internal sealed class MailConnector(
    EndpointGuard guard,
    CertificateTrust trust,
    IOptionsMonitor<NetworkOptions> networkOptions,
    IOptionsMonitor<Pop3Options> pop3Options,
    IOptionsMonitor<SmtpOptions> smtpOptions)
{
    public Task<MailSession<Pop3Client>> ConnectPop3Async(MailEndpoint endpoint, CancellationToken cancellationToken) =>
        ConnectAsync(diagnostics => new Pop3Client(diagnostics), endpoint, pop3Options.CurrentValue.EffectiveAllowedPorts, cancellationToken);

    public Task<MailSession<SmtpClient>> ConnectSmtpAsync(MailEndpoint endpoint, CancellationToken cancellationToken) =>
        ConnectAsync(diagnostics => new SmtpClient(diagnostics), endpoint, smtpOptions.CurrentValue.EffectiveAllowedPorts, cancellationToken);

    private async Task<MailSession<TClient>> ConnectAsync<TClient>(
        Func<ConnectionDiagnostics, TClient> createClient, MailEndpoint endpoint, IReadOnlyCollection<int> allowedPorts, CancellationToken cancellationToken)
        where TClient : MailService
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var network = networkOptions.CurrentValue;
        var address = await guard.ResolveAsync(endpoint, allowedPorts, cancellationToken);

        var diagnostics = new ConnectionDiagnostics();
        var client = createClient(diagnostics);
        client.Timeout = (int)network.CommandTimeout.TotalMilliseconds;
        client.CheckCertificateRevocation = trust.CheckRevocation;
        client.ServerCertificateValidationCallback = trust.CreateCallback(diagnostics);
        var session = new MailSession<TClient>(client, diagnostics);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connectTimeout.CancelAfter(network.ConnectTimeout);
                try
                {
                    await socket.ConnectAsync(address, connectTimeout.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"No connection to {endpoint.Host} within {network.ConnectTimeout}.");
                }
            }

            var security = endpoint.Security switch
            {
                MailTransportSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ when network.AllowPlaintext => SecureSocketOptions.StartTlsWhenAvailable,
                _ => SecureSocketOptions.StartTls,
            };

            // MailKit owns the socket from here on; the host name drives SNI and the certificate name check.
            await client.ConnectAsync(socket, endpoint.Host, endpoint.Port, security, cancellationToken);
            return session;
        }
        catch (Exception exception)
        {
            if (!client.IsConnected)
            {
                socket.Dispose();
            }

            await session.DisposeAsync();
            if (exception is MailFailureException)
            {
                throw;
            }

            throw new MailFailureException(MailFailureClassifier.Classify(exception, diagnostics), exception);
        }
    }
}
