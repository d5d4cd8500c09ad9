using System.Net;
using System.Net.Sockets;
using Mailroom.Network;

namespace Mailroom.Tests.Network;

public sealed class EndpointGuardTests
{
    private static readonly int[] Pop3Ports = [110, 995];

    [Fact]
    public async Task Resolve_WhenPortIsNotAllowed_RefusesBeforeAnyLookup()
    {
        var resolver = new ScriptedResolver(IPAddress.Parse("93.184.216.34"));
        var failure = await Assert.ThrowsAsync<MailFailureException>(() =>
            Guard(resolver).ResolveAsync(new MailEndpoint("mail.example.com", 25, MailTransportSecurity.SslOnConnect), Pop3Ports, CancellationToken.None));

        Assert.Equal(MailFailureReason.PortNotAllowed, failure.Failure.Reason);
        Assert.Equal(0, resolver.Lookups);
    }

    [Fact]
    public async Task Resolve_WhenHostPointsOnlyToLoopback_RefusesAsPrivateAddress()
    {
        var failure = await Assert.ThrowsAsync<MailFailureException>(() =>
            Guard(new ScriptedResolver(IPAddress.Loopback)).ResolveAsync(new MailEndpoint("sneaky.example.com", 995, MailTransportSecurity.SslOnConnect), Pop3Ports, CancellationToken.None));

        Assert.Equal(MailFailureKind.NotAllowed, failure.Failure.Kind);
        Assert.Equal(MailFailureReason.PrivateAddress, failure.Failure.Reason);
    }

    [Fact]
    public async Task Resolve_WhenHostHasPublicAndPrivateAddresses_ConnectsOnlyToThePublicOne()
    {
        var resolver = new ScriptedResolver(IPAddress.Parse("10.0.0.5"), IPAddress.Parse("93.184.216.34"));

        var endpoint = await Guard(resolver).ResolveAsync(new MailEndpoint("mixed.example.com", 995, MailTransportSecurity.SslOnConnect), Pop3Ports, CancellationToken.None);

        Assert.Equal(IPAddress.Parse("93.184.216.34"), endpoint.Address);
        Assert.Equal(995, endpoint.Port);
    }

    [Fact]
    public async Task Resolve_WhenAdministratorAllowsPrivateAddresses_AcceptsLoopback()
    {
        var endpoint = await Guard(new ScriptedResolver(IPAddress.Loopback), allowPrivate: true)
            .ResolveAsync(new MailEndpoint("localhost", 995, MailTransportSecurity.SslOnConnect), Pop3Ports, CancellationToken.None);

        Assert.Equal(IPAddress.Loopback, endpoint.Address);
    }

    [Fact]
    public async Task Resolve_WhenTheAdministratorChoseTheEndpoint_SkipsUserChecks()
    {
        var endpoint = await Guard(new ScriptedResolver(IPAddress.Loopback))
            .ResolveAsync(new MailEndpoint("relay.internal", 2525, MailTransportSecurity.StartTls, EndpointOrigin.Administrator), Pop3Ports, CancellationToken.None);

        Assert.Equal(2525, endpoint.Port);
    }

    [Fact]
    public async Task Resolve_WhenTheNameDoesNotExist_SaysHostNotFound()
    {
        var failure = await Assert.ThrowsAsync<MailFailureException>(() =>
            Guard(new ScriptedResolver()).ResolveAsync(new MailEndpoint("no-such-host.invalid", 995, MailTransportSecurity.SslOnConnect), Pop3Ports, CancellationToken.None));

        Assert.Equal(MailFailureKind.Connection, failure.Failure.Kind);
        Assert.Equal(MailFailureReason.HostNotFound, failure.Failure.Reason);
        Assert.Contains("no-such-host.invalid", failure.Failure.Message, StringComparison.Ordinal);
    }

    private static EndpointGuard Guard(IHostResolver resolver, bool allowPrivate = false) =>
        new(resolver, new StaticOptionsMonitor<NetworkOptions>(new NetworkOptions { AllowPrivateAddresses = allowPrivate }));

    private sealed class ScriptedResolver(params IPAddress[] addresses) : IHostResolver
    {
        public int Lookups { get; private set; }

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            Lookups++;
            return addresses.Length == 0 ? throw new SocketException((int)SocketError.HostNotFound) : Task.FromResult(addresses);
        }
    }
}
