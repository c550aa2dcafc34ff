namespace OsInstall.Tests.Haproxy;

/// <summary>
/// The haproxy VIP moves for real between two keepalived instances running our rendered configs:
/// when the master's keepalived dies, and when the master's haproxy stops answering our track script.
/// </summary>
public sealed class VipFailoverTests(VipPairFixture pair) : IClassFixture<VipPairFixture>
{
    [Fact]
    public async Task The_vip_moves_to_the_backup_when_the_master_keepalived_dies_and_back_when_it_returns()
    {
        Assert.True(await pair.BaselineAsync(), "the VIP did not settle on the master\n" + pair.Logs());

        // SIGKILL, as a crash: the dead master cannot remove its address (the kernel keeps it), the backup takes over.
        pair.Master.StopKeepalived();
        Assert.True(await VipPairFixture.WaitUntilAsync(pair.Backup.HoldsVipAsync), "the backup did not take the VIP\n" + pair.Logs());
        Assert.Contains("master", File.ReadAllText(pair.Backup.NotifyLog), StringComparison.Ordinal);

        // The master's priority is higher: back on its return (preemption), and only there.
        pair.Master.StartKeepalived();
        Assert.True(await VipPairFixture.WaitUntilAsync(async () => await pair.Master.HoldsVipAsync() && !await pair.Backup.HoldsVipAsync()),
            "the VIP did not return to the master\n" + pair.Logs());
    }

    [Fact]
    public async Task The_vip_leaves_a_master_whose_haproxy_stops_answering_the_track_script()
    {
        Assert.True(await pair.BaselineAsync(), "the VIP did not settle on the master\n" + pair.Logs());

        pair.Master.StopHaproxy();
        Assert.True(await VipPairFixture.WaitUntilAsync(async () => await pair.Backup.HoldsVipAsync() && !await pair.Master.HoldsVipAsync()),
            "the VIP stayed on the master with its haproxy down\n" + pair.Logs());
        Assert.EndsWith("backup\n", File.ReadAllText(pair.Master.NotifyLog), StringComparison.Ordinal);

        // haproxy answers again: the master's priority is restored and it takes the VIP back.
        pair.Master.StartHaproxy();
        Assert.True(await VipPairFixture.WaitUntilAsync(pair.Master.HoldsVipAsync), "the VIP did not return to the healthy master\n" + pair.Logs());
    }
}
