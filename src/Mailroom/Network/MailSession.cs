using System.Security.Authentication;
using MailKit;
using MailKit.Security;

namespace Mailroom.Network;

/// <summary>
/// A connected, TLS-protected mail client plus what the connection learned. Disposing closes the socket
/// WITHOUT a POP3 QUIT, so that deletions only become final when the caller says so with <see cref="CloseAsync"/>.
/// </summary>
internal sealed class MailSession<TClient>(TClient client, ConnectionDiagnostics diagnostics) : IAsyncDisposable
    where TClient : MailService
{
    public TClient Client { get; } = client;

    public ConnectionDiagnostics Diagnostics { get; } = diagnostics;

    public SslProtocols TlsProtocol => Client.SslProtocol;

    /// <summary>Signs in with exactly one attempt: MailKit would otherwise try every mechanism, and each failure counts toward a provider's lockout.</summary>
    public async Task AuthenticateAsync(string userName, string password, CancellationToken cancellationToken)
    {
        try
        {
            var mechanisms = Client.AuthenticationMechanisms;
            if (mechanisms.Contains("PLAIN"))
            {
                await Client.AuthenticateAsync(new SaslMechanismPlain(userName, password), cancellationToken);
            }
            else if (mechanisms.Contains("LOGIN"))
            {
                await Client.AuthenticateAsync(new SaslMechanismLogin(userName, password), cancellationToken);
            }
            else
            {
                // No SASL mechanism we use: POP3 USER/PASS (RFC 1939), the only remaining single attempt.
                mechanisms.Clear();
                await Client.AuthenticateAsync(new System.Net.NetworkCredential(userName, password), cancellationToken);
            }

            Diagnostics.Recording = false;
        }
        catch (Exception exception) when (exception is not MailFailureException)
        {
            throw new MailFailureException(MailFailureClassifier.Classify(exception, Diagnostics), exception);
        }
    }

    /// <summary>Ends the session politely (POP3 QUIT commits pending deletions, RFC 1939 §6).</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (Client.IsConnected)
        {
            await Client.DisconnectAsync(quit: true, cancellationToken);
        }
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        return ValueTask.CompletedTask;
    }
}
