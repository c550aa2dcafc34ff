using OsInstall.Common.Config;
using OsInstall.Common.Ovn;
using OsInstall.Common.Targets;
using OsInstall.Components.Ovn;
using OsInstall.Tests.Bind;
using OsInstall.Tests.TestSupport;
using Xunit;

namespace OsInstall.Tests.Ovn;

/// <summary>
/// Debian's ovn-central pieces started by hand, once per collection: an ovsdb-server each for the
/// northbound and southbound schemas on unix sockets in a temp dir, and ovn-northd between them.
/// The component's northbound commands run against it through a <see cref="LocalTarget"/>.
/// </summary>
public sealed class OvnCentralFixture : IAsyncLifetime
{
    private const string OvsdbServer = "/usr/sbin/ovsdb-server";
    private const string OvsdbTool = "/usr/bin/ovsdb-tool";
    private const string Northd = "/usr/bin/ovn-northd";
    private const string Nbctl = "/usr/bin/ovn-nbctl";

    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("osinstall-ovn-");
    private readonly List<ForegroundProcess> processes = [];

    /// <summary>The shipped example config (the topology needs every network value).</summary>
    public ClusterConfig Config { get; } = ConfigLoader.LoadFile(RepoPaths.ExampleConfig).Config
        ?? throw new InvalidOperationException("config/common.yaml does not load");

    public string NbConnection => $"unix:{Path.Join(root.FullName, "nb.sock")}";

    public string SbConnection => $"unix:{Path.Join(root.FullName, "sb.sock")}";

    public ITarget Target { get; } = new LocalTarget("o3p-os-controller-1", TimeSpan.FromSeconds(60));

    /// <summary>The component's settings aimed at this database (chassis names as the component derives them).</summary>
    public OvnSettings Settings => OvnSettings.FromConfig(Config) with { NbConnection = NbConnection, SbConnection = SbConnection };

    public OvnNorthbound Northbound => new(Target, NbConnection);

    public async Task InitializeAsync()
    {
        try
        {
            foreach (var (name, schema) in new[] { ("nb", "ovn-nb"), ("sb", "ovn-sb") })
            {
                var db = Path.Join(root.FullName, $"{name}.db");
                var (exit, output) = await Tool.RunAsync(Require(OvsdbTool), "create", db, $"/usr/share/ovn/{schema}.ovsschema");
                if (exit != 0)
                {
                    throw new InvalidOperationException($"ovsdb-tool create {db}: {output}");
                }
                processes.Add(ForegroundProcess.Start(Require(OvsdbServer),
                    $"--remote=punix:{Path.Join(root.FullName, name + ".sock")}",
                    $"--unixctl={Path.Join(root.FullName, name + ".ctl")}",
                    "-vconsole:off", "-vfile:info", $"--log-file={Path.Join(root.FullName, name + ".log")}",
                    db));
            }
            processes.Add(ForegroundProcess.Start(Require(Northd),
                $"--ovnnb-db={NbConnection}", $"--ovnsb-db={SbConnection}",
                $"--unixctl={Path.Join(root.FullName, "northd.ctl")}",
                "-vconsole:off", "-vfile:info", $"--log-file={Path.Join(root.FullName, "northd.log")}"));
            var ready = await NamedClusterFixture.Eventually(async () =>
                (await Tool.RunAsync(Nbctl, $"--db={NbConnection}", "--timeout=2", "show")).Exit == 0
                && (await Tool.RunAsync(Nbctl, $"--db={NbConnection}", "--timeout=2", "get", "nb_global", ".", "nb_cfg")).Exit == 0,
                TimeSpan.FromSeconds(30));
            if (!ready)
            {
                throw new InvalidOperationException("the northbound ovsdb-server does not answer:\n" + string.Join("\n", processes.Select(p => p.Log)));
            }
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public Task DisposeAsync()
    {
        foreach (var p in processes)
        {
            p.Dispose();
        }
        processes.Clear();
        if (root.Exists)
        {
            root.Delete(recursive: true);
        }
        return Task.CompletedTask;
    }

    /// <summary>ovn-nbctl against this database; the output, failing the test when it fails.</summary>
    public async Task<string> NbctlAsync(params string[] args)
    {
        var (exit, output) = await Tool.RunAsync(Nbctl, [$"--db={NbConnection}", "--timeout=10", .. args]);
        Assert.True(exit == 0, $"ovn-nbctl {string.Join(' ', args)}: {output}");
        return output.Trim();
    }

    /// <summary>Every row of the tables the topology writes, in a comparable form (uuids included: a rerun must not recreate anything).</summary>
    public async Task<string> DumpAsync()
    {
        var tables = new[]
        {
            "nb_global", "logical_switch", "logical_switch_port", "logical_router", "logical_router_port",
            "logical_router_static_route", "nat", "dhcp_options", "ha_chassis_group", "ha_chassis",
        };
        var parts = new List<string>();
        foreach (var t in tables)
        {
            var rows = (await NbctlAsync("--format=csv", "--data=bare", "--no-headings", "list", t)).Split('\n')
                // nb_cfg/sb_cfg/hv_cfg timestamps move on their own.
                .Where(l => t != "nb_global").Order(StringComparer.Ordinal);
            parts.Add($"[{t}]\n{string.Join('\n', rows)}");
        }
        parts.Add("[nb_global options]\n" + await NbctlAsync("get", "nb_global", ".", "options"));
        return string.Join('\n', parts);
    }

    private static string Require(string path) =>
        File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: install the packages in tests/packages.d/ovn.txt");
}
