using OsInstall.Common.Config;
using OsInstall.Common.Ovn;
using OsInstall.Common.Shell;
using OsInstall.Common.Templates;

namespace OsInstall.Components.Ovn;

/// <summary>
/// The init scripts of one controller. OpenRC evaluates command_args once more when it starts the
/// daemon, so the arguments are joined (quoted) and the result quoted again for the assignment.
/// </summary>
public static class OvnServiceFiles
{
    /// <summary>Service name -> init script content, for the controller <paramref name="host"/>.</summary>
    public static IReadOnlyDictionary<string, string> Render(TemplateRenderer templates, ClusterConfig config, OvnSettings settings, string host) =>
        Render(templates, config, settings, config.Controllers.First(c => c.Name == host).Address, OvnServices.StartOrder);

    /// <summary>Service name -> init script content of the given services, for the host with <paramref name="address"/>.</summary>
    public static IReadOnlyDictionary<string, string> Render(TemplateRenderer templates, ClusterConfig config, OvnSettings settings, string address, IReadOnlyList<string> services)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            var (args, runDir) = Arguments(service, config, settings, address);
            files[service] = templates.Render(OvnServices.Template(service), new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["args"] = Sh.Quote(Sh.Join(args)),
                ["run_dir"] = Sh.Quote(runDir),
            });
        }
        return files;
    }

    private static (IReadOnlyList<string> Args, string RunDir) Arguments(string service, ClusterConfig config, OvnSettings s, string address)
    {
        string[] log = ["-vconsole:off", "-vfile:off", "-vsyslog:info", $"-vFACILITY:{s.SyslogFacility}", "--no-chdir"];
        return service switch
        {
            OvnServices.OvsdbServer => ([s.OvsDb, .. log, $"--remote=punix:{s.OvsSocket}", $"--pidfile={s.OvsRunDir}/ovsdb-server.pid"], s.OvsRunDir),
            OvnServices.OvsVswitchd => ([$"unix:{s.OvsSocket}", .. log, "--mlockall", $"--pidfile={s.OvsRunDir}/ovs-vswitchd.pid"], s.OvsRunDir),
            OvnServices.NbServer => (DbServer("OVN_Northbound,NB_Global", "ovnnb_db", s.NbDb, s.NbControlSocket, address, config.Ovn.NbPort, s, log), s.OvnRunDir),
            OvnServices.SbServer => (DbServer("OVN_Southbound,SB_Global", "ovnsb_db", s.SbDb, s.SbControlSocket, address, config.Ovn.SbPort, s, log), s.OvnRunDir),
            OvnServices.Northd => ([.. log, $"--ovnnb-db={s.NbConnection}", $"--ovnsb-db={s.SbConnection}", $"--pidfile={s.OvnRunDir}/ovn-northd.pid"], s.OvnRunDir),
            OvnServices.Controller => ([$"unix:{s.OvsSocket}", .. log, $"--pidfile={s.OvnRunDir}/ovn-controller.pid"], s.OvnRunDir),
            _ => throw new ArgumentOutOfRangeException(nameof(service), service, "not an ovn component service"),
        };
    }

    // The client port listens on this controller's address only ("ptcp:port:addr"), as in the
    // original; the raft port is recorded in the database file itself.
    private static string[] DbServer(string globalRow, string stem, string db, string ctl, string address, int port, OvnSettings s, string[] log) =>
    [
        .. log,
        $"--remote=punix:{s.OvnRunDir}/{stem}.sock",
        $"--remote=ptcp:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{address}",
        $"--remote=db:{globalRow},connections",
        $"--pidfile={s.OvnRunDir}/{stem}.pid",
        $"--unixctl={ctl}",
        db,
    ];
}
