namespace OsInstall.Components.Compute;

/// <summary>
/// One OpenStack daemon of a compute node: its project (the container set its code comes from, its
/// user, /etc and /var directories), its OpenRC service, and the config files it reads.
/// </summary>
internal sealed record NodeService(
    string Project,
    string Daemon,
    string Description,
    string User,
    IReadOnlyList<string> ConfigFiles,
    IReadOnlyList<string> Needs,
    bool OvsdbTcpRemote)
{
    public static readonly NodeService NovaCompute = new("nova", "nova-compute", "Nova compute: the node's hypervisor driver",
        "nova", ["/etc/nova/nova.conf", "/etc/nova/nova-compute.conf"], ["libvirtd", "ovs-vswitchd"], OvsdbTcpRemote: true);

    /// <summary>Runs as root, as in the original: it starts haproxy in network namespaces.</summary>
    public static readonly NodeService MetadataAgent = new("neutron", "neutron-ovn-metadata-agent", "Neutron OVN metadata agent",
        "root", ["/etc/neutron/neutron.conf", "/etc/neutron/neutron_ovn_metadata_agent.ini"], ["ovsdb-server", "ovn-controller"], OvsdbTcpRemote: false);

    public static readonly NodeService CinderVolume = new("cinder", "cinder-volume", "Cinder volume: the Ceph RBD backend",
        "cinder", ["/etc/cinder/cinder.conf"], [], OvsdbTcpRemote: false);

    public static readonly IReadOnlyList<NodeService> All = [NovaCompute, MetadataAgent, CinderVolume];

    /// <summary>The container sets whose python packages the nodes get, in unpack order.</summary>
    public static readonly IReadOnlyList<string> Projects = ["nova", "neutron", "cinder"];

    public string LogDir => $"/var/log/{Project}";

    public string StateDir => $"/var/lib/{Project}";

    public string InitScript => $"{ComputePaths.InitDir}/{Daemon}";
}
