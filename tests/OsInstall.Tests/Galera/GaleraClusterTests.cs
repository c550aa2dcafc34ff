using System.Text;
using System.Text.RegularExpressions;
using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Journal;
using OsInstall.Components;
using OsInstall.Components.Galera;
using OsInstall.Tests.EndToEnd;
using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Galera;

/// <summary>
/// galera end to end: the real CLI over real SSH against the simulated cluster, with
/// openstack.database: galera. Commands inside the containers are recorded by the lxc-attach
/// stand-in (not run), so what each member was asked is read from those calls; the Ubuntu base
/// image is built on controller-1 with the debootstrap, systemctl and apk stand-ins.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class GaleraClusterTests(EndToEndCluster cluster)
{
    private const string C1 = "o3p-os-controller-1";
    private const string C2 = "o3p-os-controller-2";
    private const string C3 = "o3p-os-controller-3";
    private const string Only = "prepare,bind,rsyslog,galera";
    private static readonly string[] Controllers = [C1, C2, C3];

    [SimulationFact]
    public async Task Installs_mariadb_galera_in_ubuntu_containers_bootstrapping_on_member_1_and_joining_2_and_3_then_reruns_and_uninstalls()
    {
        using var op = new CliScenario(cluster, c => c.Openstack.Database = "galera");
        var config = ConfigLoader.LoadFile(op.ConfigPath).Config!;
        cluster.ClearFaults();
        cluster.ClearCalls();
        try
        {
            AnswerClusterSize(3);

            var install = await op.RunAsync("cluster", "install", "--only", Only);
            Assert.True(install.ExitCode == 0, install.Output);
            Assert.Equal(ComponentState.Installed, InstallJournal.Load(Path.Combine(op.StateDir, "journal.json")).Get("galera").State);

            // The Ubuntu base image, on controller-1 only: debootstrap of the configured release from the configured mirror, units enabled offline.
            var image = UbuntuBaseImage.Name(config);
            Assert.Equal($"ubuntu-{config.Lxc.UbuntuRelease}", image);
            Assert.Contains(cluster.Calls(C1), c => c.Command == "apk" && c.Args.SequenceEqual(["add", "debootstrap", "ubuntu-archive-keyring", "zstd"]));
            var debootstrap = Assert.Single(cluster.Calls(C1), c => c.Command == "debootstrap");
            Assert.Equal([config.Lxc.UbuntuRelease, ContainerPaths.BaseMount, config.Lxc.UbuntuMirror], debootstrap.Args.Where(a => !a.StartsWith('-')));
            Assert.Contains("--include=" + string.Join(',', UbuntuBaseImage.Packages), debootstrap.Args);
            Assert.All(UbuntuBaseImage.Services, unit => Assert.Contains(cluster.Calls(C1),
                c => c.Command == "systemctl" && c.Args.SequenceEqual([$"--root={ContainerPaths.BaseMount}", "enable", unit])));
            Assert.Contains("ForwardToSyslog=yes", cluster.ReadFile(C1, ContainerPaths.BaseMount + ContainerPaths.JournaldDropIn));
            Assert.Contains($"journalctl --rotate --vacuum-size={config.Lxc.JournalVacuumSize}", cluster.ReadFile(C1, ContainerPaths.BaseMount + ContainerPaths.JournalVacuumCron));
            Assert.Contains($"deb {config.Lxc.UbuntuMirror} {config.Lxc.UbuntuRelease} main", cluster.ReadFile(C1, ContainerPaths.BaseMount + ContainerPaths.AptSources));
            Assert.Contains($"create {image} --size {UbuntuBaseImage.DefaultSize}", Rbd(C1));
            Assert.Contains($"clone {image}@{image} mariadb-1", Rbd(C1));
            Assert.DoesNotContain(Rbd(C1), c => c.StartsWith($"create {config.Lxc.Dist} ", StringComparison.Ordinal) && c.Contains("mariadb", StringComparison.Ordinal));
            foreach (var (host, i) in Controllers.Select((h, i) => (h, i + 1)))
            {
                var lxcConfig = cluster.ReadFile(host, $"/var/lib/lxc/mariadb-{i}/config");
                Assert.NotNull(lxcConfig);
                Assert.Contains("lxc.signal.halt = SIGRTMIN+3", lxcConfig, StringComparison.Ordinal);
                Assert.DoesNotContain(cluster.Calls(host), c => c.Command == "debootstrap" && host != C1);
            }
            Assert.Contains("clone mariadb-1@mariadb-1 mariadb-2", Rbd(C2));
            Assert.Contains("clone mariadb-1@mariadb-1 mariadb-3", Rbd(C3));
            Assert.Contains("resize mariadb-1 --size 3072M", Rbd(C1));

            // mariadb-1, before its snapshot: MariaDB's repository for versions.mariadb, the packages, the Galera config, a fresh server stopped and disabled.
            var first = Attached(C1, "mariadb-1");
            Assert.Contains(first, c => c.Contains("apt-get install", StringComparison.Ordinal)
                && GaleraSettings.Packages.All(p => c.Contains(p, StringComparison.Ordinal)));
            var repo = Written(C1, "mariadb-1", GaleraSettings.RepoListPath);
            Assert.Contains($"{config.Versions.MariadbMirror}/{config.Versions.Mariadb}/ubuntu {config.Lxc.UbuntuRelease} main", repo, StringComparison.Ordinal);
            Assert.Contains(first, c => c.Contains("systemctl disable mariadb", StringComparison.Ordinal) && c.Contains(GaleraSettings.GrastatePath, StringComparison.Ordinal));
            var cnf = Written(C1, "mariadb-1", GaleraSettings.ConfigPath);
            Assert.Contains($"gcomm://mariadb-1.{config.Cluster.Domain},mariadb-2.{config.Cluster.Domain},mariadb-3.{config.Cluster.Domain}", cnf, StringComparison.Ordinal);
            // Logging: journald -> rsyslog on journald's syslog socket -> the collector chain of the controllers.
            var rsyslog = Written(C1, "mariadb-1", ContainerPaths.RsyslogConf);
            Assert.Contains($"socket=\"{GaleraPlatform.JournaldSyslogSocket}\"", rsyslog, StringComparison.Ordinal);
            Assert.All(config.Controllers, c => Assert.Contains($"target=\"{c.Address}\"", rsyslog, StringComparison.Ordinal));

            // Bootstrap only on member 1; members 2 and 3 join (and get nothing installed: they are clones).
            Assert.Single(first, c => c.Contains("galera_new_cluster", StringComparison.Ordinal));
            foreach (var (host, member) in new[] { (C2, "mariadb-2"), (C3, "mariadb-3") })
            {
                var asked = Attached(host, member);
                Assert.DoesNotContain(asked, c => c.Contains("galera_new_cluster", StringComparison.Ordinal) || c.Contains("apt-get", StringComparison.Ordinal));
                Assert.Single(asked, c => c.Contains($"{member}: joins the cluster", StringComparison.Ordinal)
                    && c.Contains("systemctl start mariadb", StringComparison.Ordinal) && c.Contains("systemctl enable mariadb", StringComparison.Ordinal));
                Assert.DoesNotContain(cluster.Calls(host), c => c.Command == "lxc-attach" && c.ArgLine.Contains("mariadb-1", StringComparison.Ordinal));
            }
            // root's password: piped from a 0600 file on controller-1 that is gone afterwards, never on a command line or in a log.
            Assert.Contains(cluster.Calls(C1), c => c.Command == "lxc-attach" && c.Args.SequenceEqual(["-n", "mariadb-1", "--", "/bin/sh", "-c", GaleraSqlRunner.Client]));
            Assert.False(cluster.FileExists(C1, $"{GaleraSettings.SqlSpoolDirectory}/root-password.sql"));
            var secret = op.Secrets.Get(GaleraSettings.RootPasswordSecret);
            Assert.All(Controllers, h => Assert.DoesNotContain(cluster.Calls(h), c => c.ArgLine.Contains(secret, StringComparison.Ordinal)
                || c.ArgLine.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), StringComparison.Ordinal)));
            Assert.All(op.AllLogFiles(), f => Assert.DoesNotContain(secret, File.ReadAllText(f), StringComparison.Ordinal));
            Assert.Contains("cluster size: ok wsrep_cluster_size 3 of 3", op.Log("galera"), StringComparison.Ordinal);

            // A rerun of the cluster install asks no host anything; installing galera again runs every step and changes nothing.
            cluster.ClearCalls();
            var rerun = await op.RunAsync("cluster", "install", "--only", Only);
            Assert.True(rerun.ExitCode == 0, rerun.Output);
            Assert.All(cluster.HostNames, h => Assert.Empty(cluster.Calls(h)));
            var again = await op.RunAsync("component", "install", "galera");
            Assert.True(again.ExitCode == 0, again.Output);
            string[] changing = ["create", "clone", "snap create", "snap protect", "resize", "rm", "device map"];
            Assert.All(Controllers, h =>
            {
                Assert.DoesNotContain(Rbd(h), c => changing.Any(v => c.StartsWith(v + " ", StringComparison.Ordinal)));
                Assert.DoesNotContain(cluster.Calls(h), c => c.Command is "lxc-start" or "lxc-stop" or "debootstrap" or "mkfs.ext4"
                    || (c.Command == "apk" && c.Args.Contains("add")) || (c.Command == "systemctl" && c.Args.Contains("enable")));
                Assert.Contains(cluster.Calls(h), c => c.Command == "lxc-attach");
            });

            // The health check fails when a member does not see the whole cluster.
            AnswerClusterSize(2);
            var unhealthy = await op.RunAsync("component", "install", "galera");
            Assert.Equal(1, unhealthy.ExitCode);
            Assert.Contains("wsrep_cluster_size 2 of 3", unhealthy.Output, StringComparison.Ordinal);
            AnswerClusterSize(3);

            // Uninstall: the three containers and their images go; the Ubuntu base image stays for the next install.
            cluster.ClearCalls();
            var uninstall = await op.RunAsync("component", "uninstall", "galera", "--yes");
            Assert.True(uninstall.ExitCode == 0, uninstall.Output);
            foreach (var (host, i) in Controllers.Select((h, i) => (h, i + 1)))
            {
                Assert.Contains($"rm mariadb-{i}", Rbd(host));
                Assert.False(cluster.FileExists(host, $"/var/lib/lxc/mariadb-{i}"));
            }
            Assert.DoesNotContain(Rbd(C1), c => c == $"rm {image}");
            Assert.Equal(ComponentState.NotInstalled, InstallJournal.Load(Path.Combine(op.StateDir, "journal.json")).Get("galera").State);
            var uninstallAgain = await op.RunAsync("component", "uninstall", "galera", "--yes");
            Assert.True(uninstallAgain.ExitCode == 0, uninstallAgain.Output);
        }
        finally
        {
            foreach (var h in Controllers)
            {
                File.Delete(cluster.InRoot(h, $"{StandIns.OutputDirectory}/lxc-attach"));
            }
        }
    }

    [SimulationFact]
    public async Task With_postgres_selected_galera_is_not_in_the_order_and_installing_it_by_name_is_refused_before_any_host_is_asked()
    {
        using var op = new CliScenario(cluster);
        var config = ConfigLoader.LoadFile(op.ConfigPath).Config!;
        Assert.Equal("postgres", config.Openstack.Database);
        Assert.DoesNotContain(ComponentCatalog.ForConfig(config), c => c.Name == "galera");
        if (ComponentCatalog.All.Any(c => c.Name == "postgres"))
        {
            Assert.Contains(ComponentCatalog.ForConfig(config), c => c.Name == "postgres");
        }
        config.Openstack.Database = "galera";
        Assert.Contains(ComponentCatalog.ForConfig(config), c => c.Name == "galera");
        Assert.DoesNotContain(ComponentCatalog.ForConfig(config), c => c.Name == "postgres");

        var dry = await op.RunAsync("cluster", "install", "--dry-run");
        Assert.Equal(0, dry.ExitCode);
        Assert.DoesNotContain("galera_new_cluster", dry.Output, StringComparison.Ordinal);

        cluster.ClearFaults();
        cluster.ClearCalls();
        var named = await op.RunAsync("component", "install", "galera");
        Assert.Equal(1, named.ExitCode);
        Assert.Contains("openstack.database is 'postgres'", Flat(named.Output), StringComparison.Ordinal);
        Assert.Contains("Set openstack.database: galera", Flat(named.Output), StringComparison.Ordinal);
        Assert.All(cluster.HostNames, h => Assert.Empty(cluster.Calls(h)));
    }

    private void AnswerClusterSize(int size)
    {
        foreach (var h in Controllers)
        {
            cluster.SetOutput(h, "lxc-attach", $"wsrep_cluster_size\t{size}\n");
        }
    }

    private static string Flat(string text) => string.Join(' ', text.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The commands lxc-attach ran inside <paramref name="container"/> on <paramref name="host"/>.</summary>
    private List<string> Attached(string host, string container) => cluster.Calls(host)
        .Where(c => c.Command == "lxc-attach" && c.Args.Count >= 6 && c.Args[1] == container && c.Args[4] == "-c")
        .Select(c => c.Args[5]).ToList();

    /// <summary>The last content written to <paramref name="path"/> inside the container (decoded from the write command).</summary>
    private string Written(string host, string container, string path)
    {
        var content = Attached(host, container)
            .Select(c => WriteCommand().Match(c))
            .Where(m => m.Success && m.Groups["path"].Value == path)
            .Select(m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups["b64"].Value)))
            .LastOrDefault();
        Assert.True(content is not null, $"nothing was written to {path} in {container}");
        return content;
    }

    /// <summary>rbd calls as "verb args": RbdCli puts the connection options (-c, -k, --id, -p and their values) first.</summary>
    private List<string> Rbd(string host) => cluster.Calls(host).Where(c => c.Command == "rbd")
        .Select(c => string.Join(' ', c.Args.Skip(8))).ToList();

    [GeneratedRegex(@"printf %s '?(?<b64>[A-Za-z0-9+/=]+)'? \| base64 -d > '?(?<path>[^ ']+)\.osinstall-tmp")]
    private static partial Regex WriteCommand();
}
