using OsInstall.Common.Journal;
using OsInstall.Tests.EndToEnd;
using OsInstall.Tests.Simulation;
using Xunit;

namespace OsInstall.Tests.Ovn;

/// <summary>
/// "cluster install --only ovn", a rerun and the uninstall through the real CLI over SSH on the
/// simulated cluster. OVS/OVN tools, git, make, apk and OpenRC are recording stand-ins there; the
/// build script, the init scripts and every check-then-act shell line run for real (busybox ash).
/// </summary>
[Collection(OvnSimulatedCollection.Name)]
public sealed class OvnClusterInstallTests(OvnSimulatedCluster cluster)
{
    private static readonly string[] Controllers = ["o3p-os-controller-1", "o3p-os-controller-2", "o3p-os-controller-3"];
    private const string C1 = "o3p-os-controller-1";

    private static readonly string[] InitScripts =
        ["ovsdb-server", "ovs-vswitchd", "ovn-ovsdb-server-nb", "ovn-ovsdb-server-sb", "ovn-northd", "ovn-controller"];

    /// <summary>What the stand-ins answer so that the topology lookups and the health check see a working cluster.</summary>
    private void CannedAnswers()
    {
        var status = "Name: OVN_Northbound\nRole: follower\nServers:\n" +
            string.Join("", Controllers.Select((c, i) => $"    a{i}b{i} (a{i}b{i} at tcp:10.1.1.{i + 1}:6643) next_index=2 match_index=1\n")) + "\n";
        foreach (var c in Controllers)
        {
            cluster.SetOutput(c, "ovn-appctl", status);
        }
        cluster.SetOutput(C1, "ovn-sbctl", string.Join("", Controllers.Select(c => $"{c}.oppp.lab,{c}.oppp.lab\n")));
        cluster.SetOutput(C1, "ovn-nbctl", "5d1f5d6e-7c4a-4d7e-9a2e-0a3b4c5d6e7f\n");
    }

    [SimulationFact]
    public async Task Install_rerun_and_uninstall_of_ovn_run_green_end_to_end()
    {
        using var op = new CliScenario(cluster);
        cluster.ClearFaults();
        cluster.ClearCalls();
        CannedAnswers();
        var c1Address = cluster.CreateConfig().Controllers[0].Address;

        var install = await op.RunAsync("cluster", "install", "--only", "ovn");
        Assert.True(install.ExitCode == 0, install.Output + "\n" + SafeLog(op));

        Assert.All(Controllers, h =>
        {
            foreach (var s in InitScripts)
            {
                Assert.True(cluster.FileExists(h, $"/etc/init.d/{s}"), $"{h}: /etc/init.d/{s}");
                Assert.True(cluster.FileExists(h, $"/var/lib/osinstall-sim/services/{s}"), $"{s} runs on {h}");
            }
            Assert.Equal("https://github.com/openvswitch/ovs.git v3.5.0\n", cluster.ReadFile(h, "/var/lib/osinstall/ovn/ovs.installed"));
            Assert.Equal("https://github.com/ovn-org/ovn.git v25.03.0\n", cluster.ReadFile(h, "/var/lib/osinstall/ovn/ovn.installed"));
            var calls = cluster.Calls(h);
            Assert.Contains(calls, c => c.Command == "git" && c.Args.SequenceEqual(["clone", "--depth", "1", "--branch", "v25.03.0", "https://github.com/ovn-org/ovn.git", "/root/ovn"]));
            Assert.Contains(calls, c => c.Command == "make" && c.Args.SequenceEqual(["install"]));
            Assert.Contains(calls, c => c.Command == "ovs-vsctl" && c.Args.Contains($"external_ids:system-id=\"{h}.oppp.lab\""));
            Assert.Contains(calls, c => c.Command == "ovs-vsctl" && c.Args.Contains("external_ids:ovn-bridge-mappings=\"provider:br-provider,compute:br-compute\""));
        });
        var c1Calls = cluster.Calls(C1);
        Assert.Contains(c1Calls, c => c.Command == "ovsdb-tool" && c.Args.SequenceEqual(
            ["create-cluster", "/var/lib/ovn/ovnnb_db.db", "/usr/share/ovn/ovn-nb.ovsschema", $"tcp:{c1Address}:6643"]));
        Assert.Contains(cluster.Calls("o3p-os-controller-3"), c => c.Command == "ovsdb-tool" && c.Args.Take(3).SequenceEqual(["join-cluster", "/var/lib/ovn/ovnsb_db.db", "OVN_Southbound"])
            && c.Args.Contains($"tcp:{c1Address}:6644"));
        Assert.Contains(c1Calls, c => c.Command == "ovn-nbctl" && c.Args.Contains("lr-add") && c.Args.Contains("router-provider"));
        Assert.Contains(c1Calls, c => c.Command == "ovn-nbctl" && c.Args.Contains("dhcp-options-set-options"));
        Assert.DoesNotContain(cluster.Calls("o3p-os-controller-2"), c => c.Command == "ovn-nbctl");
        Assert.Equal(ComponentState.Installed, InstallJournal.Load(Path.Combine(op.StateDir, "journal.json")).Get("ovn").State);

        // Every step again: nothing is rebuilt, no database is created or joined again, no file rewritten.
        cluster.ClearCalls();
        var written = File.GetLastWriteTimeUtc(cluster.InRoot(C1, "/etc/init.d/ovn-northd"));
        var again = await op.RunAsync("component", "install", "ovn");
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.All(Controllers, h => Assert.DoesNotContain(cluster.Calls(h), c => c.Command is "git" or "make" or "ovsdb-tool"));
        Assert.Equal(written, File.GetLastWriteTimeUtc(cluster.InRoot(C1, "/etc/init.d/ovn-northd")));

        var uninstall = await op.RunAsync("component", "uninstall", "ovn", "--yes");
        Assert.True(uninstall.ExitCode == 0, uninstall.Output);
        Assert.Contains(cluster.Calls(C1), c => c.Command == "ovn-nbctl" && c.Args.Contains("lr-del"));
        Assert.All(Controllers, h =>
        {
            foreach (var s in InitScripts)
            {
                Assert.False(cluster.FileExists(h, $"/etc/init.d/{s}"), $"{h}: /etc/init.d/{s}");
                Assert.False(cluster.FileExists(h, $"/var/lib/osinstall-sim/services/{s}"), $"{s} stopped on {h}");
            }
            Assert.False(cluster.FileExists(h, "/var/lib/ovn/ovnnb_db.db"));
            Assert.False(cluster.FileExists(h, "/root/ovs"));
            Assert.False(cluster.FileExists(h, "/var/lib/osinstall/ovn"));
        });
        Assert.Equal(ComponentState.NotInstalled, InstallJournal.Load(Path.Combine(op.StateDir, "journal.json")).Get("ovn").State);

        var uninstallAgain = await op.RunAsync("component", "uninstall", "ovn", "--yes");
        Assert.True(uninstallAgain.ExitCode == 0, uninstallAgain.Output);
    }

    private static string SafeLog(CliScenario op)
    {
        try
        {
            return op.Log("ovn");
        }
        catch (IOException)
        {
            return "";
        }
    }
}
