using OsInstall.Common.Alpine;
using OsInstall.Common.Engine;
using OsInstall.Common.Ovn;
using OsInstall.Common.Shell;

namespace OsInstall.Components.Ovn;

/// <summary>
/// The NB and SB databases as raft clusters: controller-1 creates each from the schema, the
/// others join through every earlier member. A database file that exists is a member already
/// (or a created leader), so it is left alone: removing it is what uninstall does.
/// </summary>
internal static class OvnRaft
{
    public static async Task CreateAsync(StepContext s, OvnSettings settings)
    {
        var address = Address(s);
        await s.Run(IfMissing(settings.SbDb, "ovsdb-tool", "create-cluster", settings.SbDb, settings.OvnShareDir + "/ovn-sb.ovsschema", OvnConnections.SouthboundRaft(address, s.Config))).ConfigureAwait(false);
        await s.Run(IfMissing(settings.NbDb, "ovsdb-tool", "create-cluster", settings.NbDb, settings.OvnShareDir + "/ovn-nb.ovsschema", OvnConnections.NorthboundRaft(address, s.Config))).ConfigureAwait(false);
        await StartAsync(s).ConfigureAwait(false);
    }

    public static async Task JoinAsync(StepContext s, OvnSettings settings)
    {
        var address = Address(s);
        var members = s.Config.Controllers.TakeWhile(c => c.Name != s.Target.Name).Select(c => c.Address).ToList();
        await s.Run(IfMissing(settings.SbDb, ["ovsdb-tool", "join-cluster", settings.SbDb, "OVN_Southbound", OvnConnections.SouthboundRaft(address, s.Config),
            .. members.Select(m => OvnConnections.SouthboundRaft(m, s.Config))])).ConfigureAwait(false);
        await s.Run(IfMissing(settings.NbDb, ["ovsdb-tool", "join-cluster", settings.NbDb, "OVN_Northbound", OvnConnections.NorthboundRaft(address, s.Config),
            .. members.Select(m => OvnConnections.NorthboundRaft(m, s.Config))])).ConfigureAwait(false);
        await StartAsync(s).ConfigureAwait(false);
    }

    private static async Task StartAsync(StepContext s)
    {
        await s.Run(new OpenRcService(OvnServices.SbServer).StartIfStopped).ConfigureAwait(false);
        await s.Run(new OpenRcService(OvnServices.NbServer).StartIfStopped).ConfigureAwait(false);
    }

    private static string Address(StepContext s) => s.Config.Controllers.First(c => c.Name == s.Target.Name).Address;

    private static string IfMissing(string path, params string[] command) => $"[ -e {Sh.Quote(path)} ] || {Sh.Join(command)}";
}
