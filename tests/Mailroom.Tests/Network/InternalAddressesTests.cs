using System.Net;
using Mailroom.Network;

namespace Mailroom.Tests.Network;

public sealed class InternalAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:a00:1::1")]
    [InlineData("::ffff:0:7f00:1")]
    [InlineData("::a00:1")]
    [InlineData("fec0::1")]
    public void IsInternal_ForPrivateLoopbackAndLinkLocal_IsTrue(string address) =>
        Assert.True(InternalAddresses.IsInternal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("193.0.6.139")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("::ffff:8.8.4.4")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    [InlineData("2001:4860:4860::8888")]
    public void IsInternal_ForPublicAddresses_IsFalse(string address) =>
        Assert.False(InternalAddresses.IsInternal(IPAddress.Parse(address)));

    /// <summary>Every entry of the IANA IPv4 and IPv6 Special-Purpose Address Registries (2024 editions), plus multicast and site-local.</summary>
    public static TheoryData<string> SpecialPurposeRanges => new(
        "0.0.0.0/8", "0.0.0.0/32", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.0.0/29", "192.0.0.8/32", "192.0.0.9/32", "192.0.0.10/32", "192.0.0.170/32", "192.0.0.171/32",
        "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24", "192.168.0.0/16", "192.175.48.0/24",
        "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4", "255.255.255.255/32", "224.0.0.0/4",
        "::1/128", "::/128", "::ffff:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "100:0:0:1::/64",
        "2001::/23", "2001::/32", "2001:1::1/128", "2001:1::2/128", "2001:1::3/128", "2001:2::/48", "2001:3::/32",
        "2001:4:112::/48", "2001:10::/28", "2001:20::/28", "2001:30::/28", "2001:db8::/32", "2002::/16",
        "2620:4f:8000::/48", "3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10", "ff00::/8", "fec0::/10", "::/96");

    [Theory, MemberData(nameof(SpecialPurposeRanges))]
    public void IsInternal_ForTheFirstAndLastAddressOfEverySpecialPurposeRange_IsTrue(string range)
    {
        var network = IPNetwork.Parse(range);
        var first = network.BaseAddress.GetAddressBytes();
        var last = (byte[])first.Clone();
        for (var bit = network.PrefixLength; bit < last.Length * 8; bit++)
        {
            last[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }

        Assert.True(InternalAddresses.IsInternal(new IPAddress(first)), $"{new IPAddress(first)} in {range}");
        Assert.True(InternalAddresses.IsInternal(new IPAddress(last)), $"{new IPAddress(last)} in {range}");
    }
}
