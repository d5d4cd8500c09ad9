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
    public void IsInternal_ForPrivateLoopbackAndLinkLocal_IsTrue(string address) =>
        Assert.True(InternalAddresses.IsInternal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("193.0.6.139")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("::ffff:8.8.4.4")]
    public void IsInternal_ForPublicAddresses_IsFalse(string address) =>
        Assert.False(InternalAddresses.IsInternal(IPAddress.Parse(address)));
}
