using System.Net;
using Mailroom.Network;
using Mailroom.Tests.Network;
using Microsoft.Extensions.Options;

namespace Mailroom.Tests.Accounts;

/// <summary>A real MailConnector that may reach a scripted server on loopback without TLS, and nothing else.</summary>
internal static class TestConnectors
{
    public static MailConnector ForScriptedServer(int port)
    {
        var network = new StaticOptionsMonitor<NetworkOptions>(new NetworkOptions
        {
            AllowPrivateAddresses = true,
            AllowPlaintext = true,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            CommandTimeout = TimeSpan.FromSeconds(5),
        });
        var pop3 = new Pop3Options();
        pop3.AllowedPorts.Add(port);
        var guard = new EndpointGuard(new LoopbackResolver(), network);
        return new MailConnector(guard, new CertificateTrust(Options.Create(new TlsOptions())), network,
            new StaticOptionsMonitor<Pop3Options>(pop3), new StaticOptionsMonitor<SmtpOptions>(new SmtpOptions()));
    }

    private sealed class LoopbackResolver : IHostResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Task.FromResult(new[] { IPAddress.Loopback });
    }
}
