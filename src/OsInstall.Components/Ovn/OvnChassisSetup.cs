using OsInstall.Common.Alpine;
using OsInstall.Common.Engine;
using OsInstall.Common.Ovn;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Components.Ovn;

/// <summary>
/// What makes a host an OVN chassis, shared by the controllers (ovn component) and the compute
/// nodes (compute component): the init scripts, the local Open vSwitch database and daemons, and
/// ovn-controller joined to the southbound cluster with this host's tunnel address and bridges.
/// </summary>
internal static class OvnChassisSetup
{
    /// <summary>The services a chassis that holds no OVN database runs (compute nodes), in start order.</summary>
    public static readonly IReadOnlyList<string> ChassisServices = [OvnServices.OvsdbServer, OvnServices.OvsVswitchd, OvnServices.Controller];

    public static async Task WriteServicesAsync(StepContext s, OvnSettings settings, string address, IReadOnlyList<string> services)
    {
        await s.Run(Sh.Join("mkdir", "-p", settings.OvsConfDir, settings.OvsRunDir, settings.OvnDbDir, settings.OvnRunDir)).ConfigureAwait(false);
        foreach (var (service, content) in OvnServiceFiles.Render(s.Component.Templates, s.Config, settings, address, services))
        {
            await s.Write($"{settings.InitDir}/{service}", content, FileSpec.Executable).ConfigureAwait(false);
            await s.Run(new OpenRcService(service).Enable).ConfigureAwait(false);
        }
    }

    public static async Task OpenVswitchAsync(StepContext s, OvnSettings settings)
    {
        await s.Run($"[ -e {Sh.Quote(settings.OvsDb)} ] || {Sh.Join("ovsdb-tool", "create", settings.OvsDb, settings.OvsShareDir + "/vswitch.ovsschema")}").ConfigureAwait(false);
        await s.Run(new OpenRcService(OvnServices.OvsdbServer).StartIfStopped).ConfigureAwait(false);
        await s.Run(new OpenRcService(OvnServices.OvsVswitchd).StartIfStopped).ConfigureAwait(false);
    }

    /// <summary>
    /// The chassis' identity and tunnel (system-id = the host's FQDN, what requested-chassis and the
    /// gateway group name), its bridges to physical networks, then ovn-controller.
    /// </summary>
    public static async Task JoinAsync(StepContext s, OvnSettings settings, string chassis, string encapIp,
        IReadOnlyList<(string PhysicalNetwork, string Bridge, string Interface)> bridges)
    {
        var mappings = string.Join(',', bridges.Select(b => $"{b.PhysicalNetwork}:{b.Bridge}"));
        await s.Run(Sh.Join(
            "ovs-vsctl", "set", "open_vswitch", ".",
            $"external_ids:system-id={OvsdbString.Quote(chassis)}",
            $"external_ids:hostname={OvsdbString.Quote(chassis)}",
            $"external_ids:ovn-remote={OvsdbString.Quote(settings.SbConnection)}",
            "external_ids:ovn-encap-type=geneve",
            $"external_ids:ovn-encap-ip={OvsdbString.Quote(encapIp)}",
            $"external_ids:ovn-bridge-mappings={OvsdbString.Quote(mappings)}")).ConfigureAwait(false);
        foreach (var (_, bridge, iface) in bridges)
        {
            await s.Run(Sh.Join("ovs-vsctl", "--may-exist", "add-br", bridge, "--", "--may-exist", "add-port", bridge, iface)).ConfigureAwait(false);
        }
        await s.Run(new OpenRcService(OvnServices.Controller).StartIfStopped).ConfigureAwait(false);
    }

    /// <summary>Stops and disables the given services, last started first.</summary>
    public static async Task StopAsync(StepContext s, IEnumerable<string> services)
    {
        foreach (var service in services.Reverse())
        {
            await s.Run(new OpenRcService(service).StopIfStarted).ConfigureAwait(false);
            await s.Run(new OpenRcService(service).Disable).ConfigureAwait(false);
        }
    }

    /// <summary>The init scripts, the builds and the state directories of a chassis.</summary>
    public static async Task RemoveFilesAsync(StepContext s, OvnSettings settings, IEnumerable<string> services)
    {
        await s.Run(Sh.Join(["rm", "-f", .. services.Select(x => $"{settings.InitDir}/{x}")])).ConfigureAwait(false);
        await OvnBuild.RemoveAsync(s, settings).ConfigureAwait(false);
        await s.Run(Sh.Join("rm", "-rf", settings.OvnDbDir, settings.OvnRunDir, settings.OvsConfDir, settings.OvsRunDir,
            "/var/lib/openvswitch", "/var/log/ovn", "/var/log/openvswitch", settings.OvnShareDir, settings.OvsShareDir)).ConfigureAwait(false);
    }
}
