using OsInstall.Common.Dns;
using Xunit;

namespace OsInstall.Tests.Dns;

public sealed class ZoneSerialTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Fact]
    public void First_serial_of_a_day_is_date_and_01() => Assert.Equal(2026112501, ZoneSerial.FirstOf(Today));

    [Fact]
    public void Older_serial_jumps_to_today01() => Assert.Equal(2026112501, ZoneSerial.Next(2021050101, Today));

    [Fact]
    public void Serial_of_today_counts_up() => Assert.Equal(2026112503, ZoneSerial.Next(2026112502, Today));

    [Fact]
    public void Serial_ahead_of_today_still_grows() => Assert.Equal(2026123100, ZoneSerial.Next(2026123099, Today));

    [Fact]
    public void Zone_bump_rewrites_only_the_serial()
    {
        var zone = ZoneFile.Parse(ZoneFileTests.Sample, "oppp.lab");
        zone.BumpSerial(Today);
        Assert.Equal(2026112501, zone.Soa.Serial);
        Assert.Equal(ZoneFileTests.Sample.Replace("2021050101", "2026112501", StringComparison.Ordinal), zone.Serialize());
        zone.BumpSerial(Today);
        Assert.Equal(2026112502, ZoneFile.Parse(zone.Serialize(), "oppp.lab").Soa.Serial);
    }
}
