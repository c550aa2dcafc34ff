using OsInstall.Common.Config;
using OsInstall.Common.Dns;
using OsInstall.Common.Targets;
using OsInstall.Components.Bind;
using OsInstall.Tests.TestSupport;
using Xunit;

namespace OsInstall.Tests.Bind;

/// <summary>
/// A real named primary and two secondaries on 127.0.0.1, each on its own ports and in its own
/// directories, started from the named.conf and zones the bind component renders for the example
/// cluster (a dry-run install whose files are written out), plus the record API aimed at the primary.
/// </summary>
public sealed class NamedClusterFixture : IAsyncLifetime
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("osinstall-named-");
    private readonly List<ForegroundProcess> processes = [];

    public ClusterConfig Config { get; } = BindTestCluster.Config();

    public BindSettings Settings { get; private set; } = null!;

    public DnsRecordService Records { get; private set; } = null!;

    public NamedServer Primary => Settings.Primary;

    public IEnumerable<NamedServer> Secondaries => Settings.Secondaries;

    public async Task InitializeAsync()
    {
        try
        {
            // A port found free can be taken by another test before named binds it: try fresh ones.
            for (var attempt = 1; ; attempt++)
            {
                var failure = await TryStartAsync(Path.Join(root.FullName, $"attempt-{attempt}"));
                if (failure is null)
                {
                    break;
                }
                StopAll();
                if (attempt == 3)
                {
                    throw new InvalidOperationException(failure);
                }
            }
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: stop the servers started so far.
            await DisposeAsync();
            throw;
        }
        Records = new DnsRecordService(new LocalTarget(Primary.Host, TimeSpan.FromSeconds(30)), Settings.Zones(Config), new DnsServiceOptions
        {
            Rndc = Settings.Rndc(Primary),
            // Debian has no group "named"; named runs as root here and reads them anyway.
            ZoneFileSpec = new FileSpec("0644", "root", "root"),
        });
    }

    /// <summary>Renders, writes out and starts the three servers; null when all serve every zone and answer rndc, else why not.</summary>
    private async Task<string?> TryStartAsync(string dir)
    {
        var n = Config.Controllers.Count;
        var ports = FreePorts.Take(2 * n);
        Settings = new BindSettings(Config.Controllers.Select((c, i) =>
        {
            var home = Path.Join(dir, c.Name);
            return new NamedServer(c.Name, "127.0.0.1", ports[i], ports[n + i], ["127.0.0.1"],
                ConfDir: home + "/etc", DataDir: home + "/var", RunDir: home + "/run");
        }).ToList())
        {
            ResolvConfPath = Path.Join(dir, "resolv.conf"),
        };

        var actions = await BindTestCluster.DryRunAsync(new BindInstaller(_ => Settings, null), Config);
        BindTestCluster.Materialize(actions, root.FullName, perHost: false);
        foreach (var s in Settings.Servers)
        {
            // What Alpine's bind package creates.
            Directory.CreateDirectory(s.DataDir + "/pri");
            Directory.CreateDirectory(s.DataDir + "/sec");
            Directory.CreateDirectory(s.RunDir);
        }
        foreach (var s in Settings.Servers)
        {
            processes.Add(NamedProcess.Start(s.ConfPath));
        }

        // Ready when every server answers the SOA of every zone (the secondaries have transferred
        // them) and its control channel answers.
        foreach (var (s, i) in Settings.Servers.Select((s, i) => (s, i)))
        {
            foreach (var zone in Settings.Zones(Config).All)
            {
                if (!await Eventually(async () => (await Dig(s, zone.Name, "SOA")).Length > 0, TimeSpan.FromSeconds(30)))
                {
                    return $"{s.Host} (port {s.Port}) does not serve {zone.Name}:\n{processes[i].Log}";
                }
            }
            var rndc = Settings.Rndc(s);
            var (exit, output) = await Tool.RunAsync(rndc[0], [.. rndc.Skip(1), "status"]);
            if (exit != 0)
            {
                return $"{s.Host}: rndc status on port {s.RndcPort} failed: {output}\n{processes[i].Log}";
            }
        }
        return null;
    }

    private void StopAll()
    {
        foreach (var p in processes)
        {
            p.Dispose();
        }
        processes.Clear();
    }

    public Task DisposeAsync()
    {
        StopAll();
        if (root.Exists)
        {
            root.Delete(recursive: true);
        }
        return Task.CompletedTask;
    }

    public string LogOf(NamedServer server) => processes[Settings.Servers.ToList().IndexOf(server)].Log;

    /// <summary>dig +short against one server: the answer lines, trimmed.</summary>
    public async Task<string> Dig(NamedServer server, params string[] query)
    {
        var (_, output) = await Tool.RunAsync(Tool.Require("/usr/bin/dig"),
            [$"@{server.Address}", "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "+short", "+time=1", "+tries=1", .. query]);
        return output.Trim();
    }

    /// <summary>The response status (NOERROR, NXDOMAIN, ...) of one query.</summary>
    public async Task<string> Status(NamedServer server, params string[] query)
    {
        var (_, output) = await Tool.RunAsync(Tool.Require("/usr/bin/dig"),
            [$"@{server.Address}", "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "+noall", "+comments", "+time=1", "+tries=1", .. query]);
        var marker = "status: ";
        var i = output.IndexOf(marker, StringComparison.Ordinal);
        return i < 0 ? output : output[(i + marker.Length)..].Split(',')[0];
    }

    public static async Task<bool> Eventually(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition())
            {
                return true;
            }
            if (DateTime.UtcNow > until)
            {
                return false;
            }
            await Task.Delay(200);
        }
    }
}
