namespace OsInstall.Common.Containers;

/// <summary>The container's veth: the MAC OVN assigned to its port, and the hook that plugs it into br-int.</summary>
public sealed record LxcNetworkModel(string Mac, int Mtu, string Hook)
{
    /// <summary>Installed by the prepare component on every controller.</summary>
    public const string OvsHook = "/etc/lxc/ovs_up_down";

    /// <summary>1500 minus Geneve's encapsulation overhead on the controllers' 1500-byte network.</summary>
    public const int OverlayMtu = 1442;
}
