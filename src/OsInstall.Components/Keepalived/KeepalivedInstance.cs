namespace OsInstall.Components.Keepalived;

/// <summary>A VRRP track script: the VIP leaves a member whose script fails (its priority drops by <see cref="Weight"/>).</summary>
public sealed record VrrpCheck(string Name, string Script, string User, int IntervalSeconds, int Weight);

/// <summary>A command keepalived runs on a state change, as <see cref="User"/> ("user group").</summary>
public sealed record VrrpNotify(string Script, string User);

/// <summary>
/// One member's VRRP instance: the VIP, its router id (unique per VIP on the segment), this
/// member's initial state and priority, and its unicast peers (OVN does not carry multicast
/// adverts between chassis, so VRRP runs over unicast as the original does).
/// </summary>
public sealed record KeepalivedInstance(
    string Vip,
    int VirtualRouterId,
    string Interface,
    bool InitialMaster,
    int Priority,
    IReadOnlyList<string> UnicastPeers,
    VrrpCheck Check)
{
    public VrrpNotify? NotifyMaster { get; init; }
    public VrrpNotify? NotifyBackup { get; init; }

    /// <summary>The VIP's prefix length on the interface (keepalived's default /32 when null).</summary>
    public int? VipPrefixLength { get; init; }
}
