using System.Text;
using System.Text.RegularExpressions;
using OsInstall.Common.Journal;
using OsInstall.Components.Haproxy;
using OsInstall.Tests.EndToEnd;
using OsInstall.Tests.Simulation;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Haproxy;

/// <summary>
/// `cluster install --only prepare,bind,rsyslog,haproxy` and the uninstall through the real CLI on the
/// simulated cluster. Commands inside the containers go through the recording lxc-attach stand-in:
/// they are asserted from its recorded arguments (they do not run). The stand-in answers every
/// command on controller-1 with `ip addr` output holding the VIP, standing for haproxy-1's kernel:
/// the health check then sees exactly one holder, haproxy-1 (without it, none holds the VIP and
/// the install fails its health check; with a second holder too, status reports the split brain).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class HaproxyClusterTests(EndToEndCluster cluster)
{
    private const string C1 = "o3p-os-controller-1";
    private static readonly string[] Controllers = [C1, "o3p-os-controller-2", "o3p-os-controller-3"];

    [SimulationFact]
    public async Task Install_rerun_verify_and_uninstall_of_haproxy()
    {
        using var op = new CliScenario(cluster);
        var config = cluster.CreateConfig();
        var vip = config.Vips.Haproxy;
        var vipAnswer = $"2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1442\n    inet 10.0.0.11/24 scope global eth0\n    inet {vip}/32 scope global eth0\n";
        cluster.ClearFaults();
        cluster.ClearCalls();
        cluster.SetOutput(C1, "lxc-attach", vipAnswer);
        try
        {
            var install = await op.RunAsync("cluster", "install", "--only", "prepare,bind,rsyslog,haproxy");
            Assert.True(install.ExitCode == 0, install.Output);
            Assert.Equal(ComponentState.Installed, InstallJournal.Load(Path.Combine(op.StateDir, "journal.json")).Get("haproxy").State);

            // The VIP's virtual port and its DNS name, on controller-1.
            var nbctl = cluster.Calls(C1).Where(c => c.Command == "ovn-nbctl").Select(c => c.ArgLine).ToList();
            Assert.Contains(nbctl, a => a.Contains($"lsp-add {config.Networks.Internal.Bridge} haproxy -- lsp-set-type haproxy virtual", StringComparison.Ordinal)
                && a.Contains($"virtual-ip={vip} virtual-parents=haproxy-1,haproxy-2,haproxy-3", StringComparison.Ordinal));
            Assert.Matches($@"(?m)^haproxy\s+(\S+\s+)*A\s+{Regex.Escape(vip)}\s*$", cluster.ReadFile(C1, "/var/bind/pri/compute.zone") ?? "");

            var addresses = new List<string>();
            for (var i = 1; i <= 3; i++)
            {
                var inside = InContainer(Controllers[i - 1], $"haproxy-{i}");
                // haproxy-1 is provisioned (packages) before its snapshot; the clones inherit them.
                Assert.Equal(i == 1, inside.Any(c => c.Contains("apk add", StringComparison.Ordinal) && c.Contains("haproxy", StringComparison.Ordinal) && c.Contains("keepalived", StringComparison.Ordinal)));
                var written = Written(inside);
                var conf = written[HaproxySettings.CandidatePath];
                Assert.Contains("listen stats", conf, StringComparison.Ordinal);
                Assert.Contains(inside, c => c.Contains(HaproxyFrontends.ValidateAndReplaceCommand, StringComparison.Ordinal));
                Assert.Contains(inside, c => c.Contains("rc-update add haproxy default", StringComparison.Ordinal));
                Assert.Contains(inside, c => c.Contains("rc-update add keepalived default", StringComparison.Ordinal));
                Assert.Contains("supervise-daemon", written[HaproxySettings.InitScriptPath], StringComparison.Ordinal);
                Assert.Contains("wget", written[HaproxySettings.CheckScriptPath], StringComparison.Ordinal);
                Assert.Contains("rc-service --ifnotstarted haproxy start", written[HaproxySettings.NotifyScriptPath], StringComparison.Ordinal);
                var keepalived = written["/etc/keepalived/keepalived.conf"];
                Assert.Contains($"priority {105 - (5 * i)}", keepalived, StringComparison.Ordinal);
                Assert.Contains(i == 1 ? "state MASTER" : "state BACKUP", keepalived, StringComparison.Ordinal);
                Assert.Contains(op.Secrets.Get("keepalived_auth_pass"), keepalived, StringComparison.Ordinal);
                var peers = HaproxyKeepalivedTests.Peers(keepalived);
                Assert.Equal(2, peers.Count);
                addresses.Add(string.Join(",", peers));
                // The health check asked each member.
                Assert.Contains(inside, c => c.Contains("ip -4 addr show dev eth0", StringComparison.Ordinal));
                Assert.Contains(inside, c => c.Contains("rc-service keepalived status", StringComparison.Ordinal));
            }
            // Each member's peers are the two others: three distinct pairs over three addresses.
            Assert.Equal(3, addresses.Distinct().Count());
            Assert.Equal(3, addresses.SelectMany(a => a.Split(',')).Distinct().Count());
            // The secret went into the file, not into the log.
            Assert.DoesNotContain(op.Secrets.Get("keepalived_auth_pass"), op.Log("haproxy"), StringComparison.Ordinal);

            // A rerun of the cluster install asks no host anything.
            cluster.ClearCalls();
            var rerun = await op.RunAsync("cluster", "install", "--only", "prepare,bind,rsyslog,haproxy");
            Assert.True(rerun.ExitCode == 0, rerun.Output);
            Assert.All(cluster.HostNames, h => Assert.Empty(cluster.Calls(h)));

            // A second VIP holder is a split brain: status reports haproxy unhealthy.
            cluster.SetOutput(Controllers[1], "lxc-attach", vipAnswer);
            var status = await op.RunAsync("status");
            Assert.Contains("haproxy-1, haproxy-2", status.Output, StringComparison.Ordinal);
            File.Delete(cluster.InRoot(Controllers[1], "/etc/osinstall-sim/output/lxc-attach"));

            // Uninstall: the virtual port and its name go, then the containers (clones before haproxy-1).
            cluster.ClearCalls();
            var uninstall = await op.RunAsync("component", "uninstall", "haproxy", "--yes");
            Assert.True(uninstall.ExitCode == 0, uninstall.Output);
            Assert.Contains(cluster.Calls(C1), c => c.Command == "ovn-nbctl" && c.ArgLine.Contains("lsp-del haproxy", StringComparison.Ordinal) && !c.ArgLine.Contains("haproxy-", StringComparison.Ordinal));
            Assert.DoesNotMatch(@"(?m)^haproxy\s", cluster.ReadFile(C1, "/var/bind/pri/compute.zone") ?? "");
            for (var i = 1; i <= 3; i++)
            {
                Assert.Contains(cluster.Calls(Controllers[i - 1]), c => c.Command == "rbd" && c.ArgLine.EndsWith($"rm haproxy-{i}", StringComparison.Ordinal));
            }
            Assert.Equal(ComponentState.NotInstalled, InstallJournal.Load(Path.Combine(op.StateDir, "journal.json")).Get("haproxy").State);
        }
        finally
        {
            foreach (var h in Controllers)
            {
                File.Delete(cluster.InRoot(h, "/etc/osinstall-sim/output/lxc-attach"));
            }
        }
    }

    /// <summary>The commands lxc-attach was asked to run inside <paramref name="container"/>.</summary>
    private List<string> InContainer(string host, string container) =>
        cluster.Calls(host).Where(c => c.Command == "lxc-attach" && c.Args.Count > 1 && c.Args[1] == container).Select(c => c.Args[^1]).ToList();

    /// <summary>The files the commands wrote (the last content per path), decoded from the write commands.</summary>
    private static Dictionary<string, string> Written(IEnumerable<string> commands)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in commands)
        {
            foreach (Match m in WriteCommand().Matches(c))
            {
                files[m.Groups["path"].Value] = Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups["b64"].Value.Trim('\'')));
            }
        }
        return files;
    }

    [GeneratedRegex(@"printf %s (?<b64>'?[A-Za-z0-9+/=]*'?) \| base64 -d > (?<path>\S+)\.osinstall-tmp")]
    private static partial Regex WriteCommand();
}
