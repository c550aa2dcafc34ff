using System.Net;
using OsInstall.Common.Dns;
using Xunit;

namespace OsInstall.Tests.Dns;

public sealed class ReverseZoneTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.in-addr.arpa")]
    [InlineData("172.16.0.0/16", "16.172.in-addr.arpa")]
    [InlineData("10.1.1.0/24", "1.1.10.in-addr.arpa")]
    public void Zone_name_keeps_the_network_octets_reversed(string cidr, string zone) =>
        Assert.Equal(zone, ReverseZone.NameFor(cidr));

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.2.3", "3.2.1")]
    [InlineData("172.16.0.0/16", "172.16.5.9", "9.5")]
    [InlineData("10.1.1.0/24", "10.1.1.4", "4")]
    public void Relative_owner_is_the_host_octets_reversed(string cidr, string ip, string owner) =>
        Assert.Equal(owner, ReverseZone.RelativeOwner(IPAddress.Parse(ip), cidr));

    [Fact]
    public void Pointer_name_is_absolute() =>
        Assert.Equal("4.1.1.10.in-addr.arpa.", ReverseZone.PointerName(IPAddress.Parse("10.1.1.4")));

    [Theory]
    [InlineData("10.1.1.0/25")]
    [InlineData("10.1.0.0/20")]
    [InlineData("10.1.1.0/32")]
    [InlineData("fd00::/64")]
    [InlineData("not-a-cidr")]
    public void Other_prefixes_are_refused(string cidr)
    {
        var ex = Assert.Throws<ArgumentException>(() => ReverseZone.NameFor(cidr));
        Assert.Contains(cidr.Split('/')[0], ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Address_outside_the_network_is_refused() =>
        Assert.Throws<ArgumentException>(() => ReverseZone.RelativeOwner(IPAddress.Parse("10.1.2.4"), "10.1.1.0/24"));
}
