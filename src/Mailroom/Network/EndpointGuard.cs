using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Mailroom.Network;

/// <summary>
/// Decides where Mailroom may connect: the port must be allowed and the resolved address must be public
/// (unless the administrator allows otherwise). The checked address is returned so the caller connects to
/// exactly it; a second lookup could be answered differently (DNS rebinding).
/// </summary>
internal sealed class EndpointGuard(IHostResolver resolver, IOptionsMonitor<NetworkOptions> networkOptions)
{
    public async Task<IPEndPoint> ResolveAsync(MailEndpoint endpoint, IReadOnlyCollection<int> allowedPorts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(allowedPorts);
        var userChosen = endpoint.Origin == EndpointOrigin.User;
        if (userChosen && !allowedPorts.Contains(endpoint.Port))
        {
            throw new MailFailureException(new MailFailure(MailFailureKind.NotAllowed, MailFailureReason.PortNotAllowed,
                $"Port {endpoint.Port} is not allowed. Use one of: {string.Join(", ", allowedPorts.Order())}."));
        }

        IPAddress[] addresses;
        try
        {
            addresses = await resolver.ResolveAsync(endpoint.Host, cancellationToken);
        }
        catch (SocketException exception)
        {
            throw new MailFailureException(MailFailureClassifier.HostNotFound(endpoint.Host), exception);
        }

        if (addresses.Length == 0)
        {
            throw new MailFailureException(MailFailureClassifier.HostNotFound(endpoint.Host));
        }

        var allowInternal = !userChosen || networkOptions.CurrentValue.AllowPrivateAddresses;
        var usable = allowInternal ? addresses : [.. addresses.Where(a => !InternalAddresses.IsInternal(a))];
        if (usable.Length == 0)
        {
            throw new MailFailureException(new MailFailure(MailFailureKind.NotAllowed, MailFailureReason.PrivateAddress,
                $"{endpoint.Host} points to a private or internal network address. Mailroom only connects to public mail servers."));
        }

        // Prefer IPv4: many mail hosts publish AAAA records without serving mail on them.
        var chosen = usable.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? usable[0];
        return new IPEndPoint(chosen, endpoint.Port);
    }
}
