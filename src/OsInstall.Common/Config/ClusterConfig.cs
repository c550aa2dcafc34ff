namespace OsInstall.Common.Config;

// The typed form of config/common.yaml. Property names map to snake_case YAML keys
// (ReadyToProceed <-> ready_to_proceed). Derived values (reverse zone names, netmasks,
// OVN connection strings, ...) are computed properties, never configured. [ConfigRequired]
// marks keys the file must set (no sensible default); the others keep the defaults below.

public sealed class ClusterConfig
{
    public bool ReadyToProceed { get; set; }
    [ConfigRequired]
    public ClusterSection Cluster { get; set; } = new();
    public SshSection Ssh { get; set; } = new();
    [ConfigRequired]
    public List<HostEntry> Controllers { get; set; } = [];
    [ConfigRequired]
    public List<HostEntry> ComputeNodes { get; set; } = [];
    [ConfigRequired]
    public NetworksSection Networks { get; set; } = new();
    [ConfigRequired]
    public VipsSection Vips { get; set; } = new();
    [ConfigRequired]
    public OvnSection Ovn { get; set; } = new();
    public DnsSection Dns { get; set; } = new();
    public RsyslogSection Rsyslog { get; set; } = new();
    [ConfigRequired]
    public CephSection Ceph { get; set; } = new();
    [ConfigRequired]
    public LxcSection Lxc { get; set; } = new();
    [ConfigRequired]
    public VersionsSection Versions { get; set; } = new();
    [ConfigRequired]
    public OpenStackSection Openstack { get; set; } = new();
    [ConfigRequired]
    public SampleVmSection SampleVm { get; set; } = new();
    [ConfigRequired]
    public IpxeSection Ipxe { get; set; } = new();

    /// <summary>Every host osinstall drives: controllers first, then compute nodes.</summary>
    public IEnumerable<HostEntry> AllHosts => Controllers.Concat(ComputeNodes);

    public HostEntry FirstController => Controllers[0];

    public string Fqdn(string hostName) => $"{hostName}.{Cluster.Domain}";
}

public sealed class ClusterSection
{
    [ConfigRequired]
    public string Domain { get; set; } = "";
    public string Region { get; set; } = "RegionOne";
    public string TimeZone { get; set; } = "UTC";
}

public sealed class SshSection
{
    public string User { get; set; } = "root";
    public string KeyFile { get; set; } = "/root/.ssh/id_rsa";
    public string KnownHosts { get; set; } = "/root/.ssh/known_hosts";
    public int Port { get; set; } = 22;
    public int ConnectTimeoutSeconds { get; set; } = 10;
    public int CommandTimeoutSeconds { get; set; } = 3600;
    /// <summary>Run commands for the first controller directly (osinstall runs on it) instead of over SSH.</summary>
    public bool LocalFirstController { get; set; } = true;
}

public sealed class HostEntry
{
    [ConfigRequired]
    public string Name { get; set; } = "";
    [ConfigRequired]
    public string Address { get; set; } = "";
    /// <summary>Overrides ssh.port for this host (the simulated cluster uses it).</summary>
    public int? SshPort { get; set; }
    /// <summary>Optional MAC of the node's compute-network interface: network boot gives it a static DHCP lease (address and name).</summary>
    public string? Mac { get; set; }
}

public sealed class NetworksSection
{
    [ConfigRequired]
    public string MacOui { get; set; } = "";
    [ConfigRequired]
    public string MacOuiManual { get; set; } = "";
    [ConfigRequired]
    public InternalNetwork Internal { get; set; } = new();
    [ConfigRequired]
    public ComputeNetwork Compute { get; set; } = new();
    [ConfigRequired]
    public ProviderNetwork Provider { get; set; } = new();
}

public sealed class InternalNetwork
{
    [ConfigRequired]
    public string Cidr { get; set; } = "";
    [ConfigRequired]
    public string Gateway { get; set; } = "";
    [ConfigRequired]
    public string GatewayMac { get; set; } = "";
    [ConfigRequired]
    public string DhcpServerMac { get; set; } = "";
    public int DhcpLeaseSeconds { get; set; } = 86400;
    public string Bridge { get; set; } = "br-internal";
}

public sealed class ComputeNetwork
{
    [ConfigRequired]
    public string Cidr { get; set; } = "";
    public string Interface { get; set; } = "eth0";
    [ConfigRequired]
    public string DefaultGateway { get; set; } = "";
    /// <summary>The OVN compute router's port on this network: the gateway to the internal network.</summary>
    [ConfigRequired]
    public string RouterPortIp { get; set; } = "";
    [ConfigRequired]
    public string RouterPortMac { get; set; } = "";
    [ConfigRequired]
    public string GatewayMac { get; set; } = "";
    public string OvsBridgingInterface { get; set; } = "eth2";
    public string Bridge { get; set; } = "br-compute";
}

public sealed class ProviderNetwork
{
    [ConfigRequired]
    public string Cidr { get; set; } = "";
    public string Interface { get; set; } = "eth1";
    [ConfigRequired]
    public string Gateway { get; set; } = "";
    [ConfigRequired]
    public string RouterPortIp { get; set; } = "";
    [ConfigRequired]
    public string RouterPortMac { get; set; } = "";
    public string Bridge { get; set; } = "br-provider";
}

public sealed class VipsSection
{
    [ConfigRequired]
    public string Postgres { get; set; } = "";
    [ConfigRequired]
    public string Haproxy { get; set; } = "";
    /// <summary>Optional address on the compute network DNAT-ed to haproxy (horizon from another network).</summary>
    public string? HaproxyProxy { get; set; }
}

public sealed class OvnSection
{
    public int NbPort { get; set; } = 6641;
    public int SbPort { get; set; } = 6642;
    public int NbRaftPort { get; set; } = 6643;
    public int SbRaftPort { get; set; } = 6644;
    public string RouterProvider { get; set; } = "router-provider";
    public string RouterCompute { get; set; } = "router-compute";
    [ConfigRequired]
    public string InterRouterComputeMac { get; set; } = "";
    [ConfigRequired]
    public string InterRouterProviderMac { get; set; } = "";
    public int MedianHaChassisPriority { get; set; } = 16381;
}

public sealed class DnsSection
{
    public List<string> Forwarders { get; set; } = [];
    public int Port { get; set; } = 53;
    public int Ttl { get; set; } = 600;
}

public sealed class RsyslogSection
{
    public int Port { get; set; } = 10514;
    /// <summary>relp (default, loses nothing on failover) or tcp.</summary>
    public string Protocol { get; set; } = "relp";
    public int RotateDays { get; set; } = 7;
    public string QueueMaxDiskSpace { get; set; } = "256m";
    /// <summary>Syslog facility -> log file name under /var/log on the collectors.</summary>
    public Dictionary<string, string> Facilities { get; set; } = [];
}

public sealed class CephSection
{
    [ConfigRequired]
    public string ClusterId { get; set; } = "";
    [ConfigRequired]
    public List<string> Monitors { get; set; } = [];
    public string ConfPath { get; set; } = "/etc/ceph/ceph.conf";
    [ConfigRequired]
    public string Client { get; set; } = "";
    [ConfigRequired]
    public string RbdPool { get; set; } = "";
    public string GlanceClient { get; set; } = "glance";
    [ConfigRequired]
    public string GlancePool { get; set; } = "";
    public string CinderClient { get; set; } = "cinder";
    [ConfigRequired]
    public string CinderPool { get; set; } = "";
    [ConfigRequired]
    public string CinderSecretUuid { get; set; } = "";

    public string ClientKeyringPath => $"/etc/ceph/ceph.client.{Client}.keyring";
}

public sealed class LxcSection
{
    public string Dist { get; set; } = "alpine";
    [ConfigRequired]
    public string Release { get; set; } = "";
    public string Arch { get; set; } = "amd64";
    public string RootfsSize { get; set; } = "1G";
    public Dictionary<string, string> RootfsSizes { get; set; } = [];
    public int SyslogFiles { get; set; } = 7;
    public int SyslogSizeKb { get; set; } = 100000;
    /// <summary>Ubuntu release (codename) of the Ubuntu containers (MariaDB Galera only).</summary>
    public string UbuntuRelease { get; set; } = "noble";
    /// <summary>Ubuntu archive the Ubuntu base image and containers install from.</summary>
    public string UbuntuMirror { get; set; } = "http://archive.ubuntu.com/ubuntu";
    /// <summary>Ubuntu containers: journald's archived logs are rotated and vacuumed daily down to this size.</summary>
    public string JournalVacuumSize { get; set; } = "100M";
}

public sealed class VersionsSection
{
    [ConfigRequired]
    public string AlpineMirror { get; set; } = "";
    [ConfigRequired]
    public string OpenstackRelease { get; set; } = "";
    [ConfigRequired]
    public string OpenstackGitBranch { get; set; } = "";
    [ConfigRequired]
    public string GitRepoUrl { get; set; } = "";
    [ConfigRequired]
    public string UpperConstraintsUrl { get; set; } = "";
    [ConfigRequired]
    public string OpenstackClient { get; set; } = "";
    [ConfigRequired]
    public string OscPlacement { get; set; } = "";
    [ConfigRequired]
    public string OvsGitRepo { get; set; } = "";
    [ConfigRequired]
    public string OvsRef { get; set; } = "";
    [ConfigRequired]
    public string OvnGitRepo { get; set; } = "";
    [ConfigRequired]
    public string OvnRef { get; set; } = "";
    [ConfigRequired]
    public string Rabbitmq { get; set; } = "";
    [ConfigRequired]
    public string Memcached { get; set; } = "";
    [ConfigRequired]
    public string Haproxy { get; set; } = "";
    [ConfigRequired]
    public string Keepalived { get; set; } = "";
    [ConfigRequired]
    public string Mariadb { get; set; } = "";
    /// <summary>QEMU built with rbd support on the compute nodes (Alpine's qemu-system-x86_64 has none).</summary>
    public string QemuGitRepo { get; set; } = "https://gitlab.com/qemu-project/qemu.git";
    /// <summary>Tag to build; empty: the version of Alpine's qemu-system-x86_64 package (as the original), so qemu-modules match.</summary>
    public string QemuRef { get; set; } = "";
    /// <summary>PostgreSQL major version of the postgres containers (Alpine's postgresqlNN packages).</summary>
    public string Postgres { get; set; } = "17";
    /// <summary>MariaDB's apt repository root: &lt;mirror&gt;/&lt;mariadb&gt;/ubuntu &lt;release&gt; main.</summary>
    public string MariadbMirror { get; set; } = "https://mirror.mariadb.org/repo";
    /// <summary>The key MariaDB signs that repository with.</summary>
    public string MariadbKeyUrl { get; set; } = "https://mariadb.org/mariadb_release_signing_key.asc";
}

public sealed class OpenStackSection
{
    /// <summary>postgres (default) or galera.</summary>
    public string Database { get; set; } = "postgres";
    public int BjoernWorkers { get; set; } = 2;
    public string KeystoneTokenProvider { get; set; } = "fernet";
    public string LibvirtType { get; set; } = "qemu";
    [ConfigRequired]
    public string DemoProject { get; set; } = "";
    [ConfigRequired]
    public string DemoUser { get; set; } = "";
    [ConfigRequired]
    public string DemoRole { get; set; } = "";
    public string KeepalivedNotificationEmail { get; set; } = "";
    public string KeepalivedEmailFrom { get; set; } = "";
    public string KeepalivedSmtpServer { get; set; } = "";
    public string KeepalivedInterface { get; set; } = "eth0";
    /// <summary>Cache size of each memcached instance, in megabytes.</summary>
    public int MemcachedMemoryMb { get; set; } = 64;
    /// <summary>Simultaneous connections each memcached instance accepts.</summary>
    public int MemcachedMaxConnections { get; set; } = 1024;
}

public sealed class SampleVmSection
{
    public string Name { get; set; } = "alpine";
    [ConfigRequired]
    public string ImageUrl { get; set; } = "";
    public int VolumeSizeGb { get; set; } = 1;
    [ConfigRequired]
    public string InternalNetworkName { get; set; } = "";
    [ConfigRequired]
    public string InternalNetworkCidr { get; set; } = "";
    [ConfigRequired]
    public string InternalNetworkGateway { get; set; } = "";
    [ConfigRequired]
    public string InternalNetworkDns { get; set; } = "";
    [ConfigRequired]
    public string InternalPoolStart { get; set; } = "";
    [ConfigRequired]
    public string InternalPoolEnd { get; set; } = "";
    [ConfigRequired]
    public string MetadataPortIp { get; set; } = "";
    [ConfigRequired]
    public string ExternalNetworkName { get; set; } = "";
    [ConfigRequired]
    public string ExternalNetworkCidr { get; set; } = "";
    [ConfigRequired]
    public string ExternalNetworkGateway { get; set; } = "";
    [ConfigRequired]
    public string ExternalPoolStart { get; set; } = "";
    [ConfigRequired]
    public string ExternalPoolEnd { get; set; } = "";
    /// <summary>The flavor the sample server boots with (the original's public.1c.2r.0d): created if missing.</summary>
    public string FlavorName { get; set; } = "public.1c.2r.0d";
    public int FlavorVcpus { get; set; } = 1;
    public int FlavorRamMb { get; set; } = 2048;
    /// <summary>Root disk of the flavor in GB; 0 because the server boots from its volume.</summary>
    public int FlavorDiskGb { get; set; }
    /// <summary>The router between the sample's internal network and the external one.</summary>
    public string RouterName { get; set; } = "router";
    /// <summary>The security group of the sample server: ingress ssh and icmp.</summary>
    public string SecurityGroupName { get; set; } = "sample-ssh-icmp";
    public string KeypairName { get; set; } = "sample";
    /// <summary>OpenSSH public key line of the keypair; empty: a key pair is generated on controller-1 as /root/.ssh/&lt;keypair_name&gt;.</summary>
    public string KeypairPublicKey { get; set; } = "";
}

public sealed class IpxeSection
{
    [ConfigRequired]
    public string Mirror { get; set; } = "";
    [ConfigRequired]
    public string BootUrl { get; set; } = "";
    public string TftpRoot { get; set; } = "/var/lib/tftpboot";
    /// <summary>Safety catch: `osinstall pxe serve` runs a DHCP server on the compute network only when true.</summary>
    public bool Serve { get; set; }
    /// <summary>Controller-1's interface on the compute network: dnsmasq answers DHCP and TFTP there only.</summary>
    public string Interface { get; set; } = "eth0";
    /// <summary>Optional dynamic DHCP pool (both or neither); without it only nodes with a mac get an address.</summary>
    public string DhcpRangeStart { get; set; } = "";
    public string DhcpRangeEnd { get; set; } = "";
    /// <summary>Port on controller-1 where `pxe serve` offers the answers file and the apkovl over HTTP.</summary>
    public int HttpPort { get; set; } = 8080;
    /// <summary>Disk setup-alpine installs the system onto (erased, only if it has no partitions).</summary>
    public string InstallDisk { get; set; } = "/dev/sda";
    /// <summary>Kernel console= arguments of the installer, in order (the last one gets /dev/console).</summary>
    public List<string> Consoles { get; set; } = ["tty0"];
}
