using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Components.Keepalived;

namespace OsInstall.Components.Haproxy;

/// <summary>
/// The haproxy VIP's keepalived on each member, through the shared <see cref="KeepalivedConfig"/>:
/// haproxy-1 starts as MASTER with priority 100, the others as BACKUP with 95, 90 (as the original);
/// VRRP adverts go unicast to the other members; the track script asks haproxy's monitor URI and
/// a failure costs 20 priority, so the VIP leaves a member whose haproxy does not answer.
/// </summary>
public static class HaproxyKeepalived
{
    public const string CheckName = "chk_haproxy";

    /// <param name="member">The member the instance is for.</param>
    /// <param name="addresses">The address of every member of the set, in member order.</param>
    public static KeepalivedInstance InstanceFor(ClusterConfig config, ContainerMember member, IReadOnlyList<string> addresses)
    {
        var peers = addresses.Where((_, i) => i != member.Index - 1).ToList();
        return new KeepalivedInstance(
            config.Vips.Haproxy,
            HaproxySettings.VirtualRouterId,
            config.Openstack.KeepalivedInterface,
            InitialMaster: member.IsFirst,
            Priority: HaproxySettings.PriorityOf(member.Index),
            peers,
            new VrrpCheck(CheckName, HaproxySettings.CheckScriptPath, "root root", HaproxySettings.CheckIntervalSeconds, HaproxySettings.CheckWeight))
        {
            NotifyMaster = new VrrpNotify($"{HaproxySettings.NotifyScriptPath} master", "root root"),
            NotifyBackup = new VrrpNotify($"{HaproxySettings.NotifyScriptPath} backup", "root root"),
        };
    }
}
