using OsInstall.Common.Config;
using OsInstall.Common.Ovn;

namespace OsInstall.Components.Ovn;

/// <summary>
/// Where the ovn component finds and puts things. Defaults come from the config; tests replace the
/// database connections (a unix socket of a real ovsdb-server) and the ovn-nbctl command.
/// </summary>
public sealed record OvnSettings
{
    public const string HaChassisGroup = "controller_ha_chassis_group";

    public required string NbConnection { get; init; }

    public required string SbConnection { get; init; }

    /// <summary>Chassis names (ovn-controller system-ids) in gateway priority order: controller-1 first.</summary>
    public required IReadOnlyList<string> Chassis { get; init; }

    public IReadOnlyList<string> Nbctl { get; init; } = ["ovn-nbctl"];

    public IReadOnlyList<string> Sbctl { get; init; } = ["ovn-sbctl"];

    public string InitDir { get; init; } = "/etc/init.d";

    public string SourceDir { get; init; } = "/root";

    /// <summary>"&lt;repo&gt; &lt;ref&gt;" of what is installed, one file per project: a rebuild happens only when it differs.</summary>
    public string StampDir { get; init; } = "/var/lib/osinstall/ovn";

    public string OvnDbDir { get; init; } = "/var/lib/ovn";

    public string OvnRunDir { get; init; } = "/var/run/ovn";

    public string OvnShareDir { get; init; } = "/usr/share/ovn";

    public string OvsConfDir { get; init; } = "/etc/openvswitch";

    public string OvsRunDir { get; init; } = "/var/run/openvswitch";

    public string OvsShareDir { get; init; } = "/usr/share/openvswitch";

    /// <summary>The /30 between the provider router (first address) and the compute router (second), as the original.</summary>
    public string InterconnectProvider { get; init; } = "10.10.10.1/30";

    public string InterconnectCompute { get; init; } = "10.10.10.2/30";

    /// <summary>Geneve adds 58 bytes to a 1500-byte underlay frame.</summary>
    public int InternalMtu { get; init; } = 1442;

    public string SyslogFacility { get; init; } = "local0";

    public static OvnSettings FromConfig(ClusterConfig config) => new()
    {
        NbConnection = OvnConnections.Northbound(config),
        SbConnection = OvnConnections.Southbound(config),
        Chassis = OvnChassis.All(config),
    };

    public string NbDb => $"{OvnDbDir}/ovnnb_db.db";

    public string SbDb => $"{OvnDbDir}/ovnsb_db.db";

    public string NbControlSocket => $"{OvnRunDir}/ovnnb_db.ctl";

    public string SbControlSocket => $"{OvnRunDir}/ovnsb_db.ctl";

    public string OvsDb => $"{OvsConfDir}/conf.db";

    public string OvsSocket => $"{OvsRunDir}/db.sock";

    public string OvsSource => $"{SourceDir}/ovs";

    public string OvnSource => $"{SourceDir}/ovn";
}
