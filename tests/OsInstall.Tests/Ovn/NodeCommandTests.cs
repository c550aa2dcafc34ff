using OsInstall.Tests.EndToEnd;
using OsInstall.Tests.Simulation;
using OsInstall.Tests.TestSupport;
using Xunit;

namespace OsInstall.Tests.Ovn;

/// <summary>osinstall node add/remove through the real CLI: the config file is edited, the zones on controller-1 (over SSH) follow.</summary>
[Collection(OvnSimulatedCollection.Name)]
public sealed class NodeCommandTests(OvnSimulatedCluster cluster)
{
    private const string C1 = "o3p-os-controller-1";

    private const string Soa = "$TTL 600\n@\tIN\tSOA\tns1.oppp.lab. root.oppp.lab. (\n\t\t2026010101\t; serial\n\t\t86400\n\t\t7200\n\t\t3600000\n\t\t3600\n\t)\n@\tIN\tNS\tns1.oppp.lab.\n";

    private void SeedZones()
    {
        Directory.CreateDirectory(cluster.InRoot(C1, "/var/bind/pri"));
        File.WriteAllText(cluster.InRoot(C1, "/var/bind/pri/compute.zone"), Soa.Replace("ns1.oppp.lab. root", "ns1.oppp.lab. root", StringComparison.Ordinal) + "ns1\tIN\tA\t127.0.0.11\n");
        File.WriteAllText(cluster.InRoot(C1, "/var/bind/pri/internal-reverse.zone"), Soa);
        File.WriteAllText(cluster.InRoot(C1, "/var/bind/pri/compute-reverse.zone"), Soa);
    }

    [SimulationFact]
    public async Task Node_add_then_remove_edits_the_config_and_the_zones_on_controller_1()
    {
        using var op = new CliScenario(cluster);
        SeedZones();
        cluster.ClearCalls();
        var configBefore = await File.ReadAllTextAsync(op.ConfigPath);

        var add = await op.RunAsync("node", "add", "o3p-os-compute-9", "127.0.0.109");

        Assert.True(add.ExitCode == 0, add.Output);
        Assert.Contains("name: o3p-os-compute-9", await File.ReadAllTextAsync(op.ConfigPath), StringComparison.Ordinal);
        Assert.Matches(@"o3p-os-compute-9\s+(IN\s+)?A\s+127\.0\.0\.109", cluster.ReadFile(C1, "/var/bind/pri/compute.zone"));
        Assert.Matches(@"109\s+(IN\s+)?PTR\s+o3p-os-compute-9\.oppp\.lab\.", cluster.ReadFile(C1, "/var/bind/pri/compute-reverse.zone"));
        Assert.Contains(cluster.Calls(C1), c => c.Command == "rndc" && c.Args.Contains("reload"));

        var refused = await op.RunAsync("node", "remove", "o3p-os-compute-9");
        Assert.Equal(2, refused.ExitCode);

        var remove = await op.RunAsync("node", "remove", "o3p-os-compute-9", "--yes");

        Assert.True(remove.ExitCode == 0, remove.Output);
        Assert.Equal(configBefore, await File.ReadAllTextAsync(op.ConfigPath));
        Assert.DoesNotContain("o3p-os-compute-9", cluster.ReadFile(C1, "/var/bind/pri/compute.zone"), StringComparison.Ordinal);
        Assert.DoesNotContain("o3p-os-compute-9", cluster.ReadFile(C1, "/var/bind/pri/compute-reverse.zone"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_help_says_nova_is_not_installed_here_and_dns_sync_is_registered()
    {
        var help = await CliRun.RunAsync("node", "add", "--help");
        Assert.Contains("later issue", help.Output, StringComparison.Ordinal);
        var dns = await CliRun.RunAsync("dns", "sync", "--help");
        Assert.Contains("--dry-run", dns.Output, StringComparison.Ordinal);
    }
}
