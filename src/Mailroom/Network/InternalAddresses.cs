using System.Net;
using System.Net.Sockets;

namespace Mailroom.Network;

/// <summary>
/// Addresses that lead into a private network, the machine itself or special-purpose space rather than to a public mail
/// server: every entry of the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890), multicast, reserved space,
/// and IPv6 forms that carry an IPv4 address inside them.
/// </summary>
internal static class InternalAddresses
{
    private static readonly IPNetwork[] InternalV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.31.196.0/24"),
        IPNetwork.Parse("192.52.193.0/24"),
        IPNetwork.Parse("192.88.99.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("192.175.48.0/24"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("240.0.0.0/4"),
    ];

    /// <summary>Only 2000::/3 is global unicast (RFC 4291); everything else is refused, and these parts of it too.</summary>
    private static readonly IPNetwork GlobalUnicastV6 = IPNetwork.Parse("2000::/3");

    private static readonly IPNetwork[] InternalV6 =
    [
        IPNetwork.Parse("2001::/23"),
        IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("2620:4f:8000::/48"),
        IPNetwork.Parse("3fff::/20"),
    ];

    public static bool IsInternal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return InternalV4.Any(range => range.Contains(address));
        }

        if (EmbeddedIPv4(address) is { } embedded)
        {
            return IsInternal(embedded);
        }

        return !GlobalUnicastV6.Contains(address) || InternalV6.Any(range => range.Contains(address));
    }

    /// <summary>
    /// The IPv4 address inside an IPv6 form that a stack or translator turns into an IPv4 connection: mapped (::ffff:0:0/96),
    /// translated (::ffff:0:0:0/96, RFC 2765), compatible (::/96, RFC 4291), NAT64 (64:ff9b::/96, RFC 6052), 6to4 (2002::/16, RFC 3056).
    /// </summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return new IPAddress(bytes[2..6]);
        }

        var prefix = bytes[..12];
        ReadOnlySpan<byte> mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];
        ReadOnlySpan<byte> translated = [0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0];
        ReadOnlySpan<byte> compatible = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        ReadOnlySpan<byte> nat64 = [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];
        return prefix.SequenceEqual(mapped) || prefix.SequenceEqual(translated) || prefix.SequenceEqual(compatible) || prefix.SequenceEqual(nat64)
            ? new IPAddress(bytes[12..])
            : null;
    }
}
