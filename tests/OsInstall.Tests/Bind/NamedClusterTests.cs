using System.Globalization;
using OsInstall.Common.Engine;
using OsInstall.Common.Targets;
using OsInstall.Components.Bind;
using Xunit;

namespace OsInstall.Tests.Bind;

/// <summary>The rendered configuration run by real named servers: transfers with TSIG, the record API end to end.</summary>
[Collection(NamedClusterCollection.Name)]
public sealed class NamedClusterTests(NamedClusterFixture cluster)
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Every_server_answers_the_controllers_and_compute_nodes()
    {
        foreach (var server in cluster.Secondaries.Prepend(cluster.Primary))
        {
            Assert.Equal("10.1.1.1", await cluster.Dig(server, "o3p-os-controller-1.oppp.lab", "A"));
            Assert.Equal("10.1.1.5", await cluster.Dig(server, "o3p-os-compute-2.oppp.lab", "A"));
            Assert.Equal("o3p-os-compute-1.oppp.lab.", await cluster.Dig(server, "-x", "10.1.1.4"));
            Assert.Equal("10.1.1.3", await cluster.Dig(server, "ns-3.oppp.lab", "A"));
        }
    }

    [Fact]
    public async Task Zone_transfer_without_the_key_is_refused()
    {
        var answer = await cluster.Dig(cluster.Primary, "oppp.lab", "AXFR");
        Assert.Contains("Transfer failed", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("10.1.1.4", answer, StringComparison.Ordinal);
        var fromSecondary = await cluster.Dig(cluster.Secondaries.First(), "oppp.lab", "AXFR");
        Assert.Contains("Transfer failed", fromSecondary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zone_transfer_with_the_key_succeeds()
    {
        var key = $"hmac-sha256:{cluster.Settings.TransferKeyName}:{BindTestCluster.TransferSecret}";
        var answer = await cluster.Dig(cluster.Primary, "-y", key, "oppp.lab", "AXFR");
        Assert.Contains("10.1.1.4", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Transfer failed", answer, StringComparison.Ordinal);
        var reverse = await cluster.Dig(cluster.Primary, "-y", key, "1.1.10.in-addr.arpa", "AXFR");
        Assert.Contains("o3p-os-controller-2.oppp.lab.", reverse, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_api_add_reaches_every_server_and_delete_gives_nxdomain()
    {
        const string name = "api-test-1";
        const string fqdn = "api-test-1.oppp.lab";
        Assert.True(await cluster.Records.AddOrReplaceHostAsync(name, "10.0.0.77"));

        // rndc reload only queues the reload: even the primary answers a moment later.
        foreach (var secondary in cluster.Secondaries.Prepend(cluster.Primary))
        {
            Assert.True(await NamedClusterFixture.Eventually(async () => await cluster.Dig(secondary, fqdn, "A") == "10.0.0.77", Propagation),
                $"{secondary.Host} did not get the A record:\n{cluster.LogOf(secondary)}");
            Assert.True(await NamedClusterFixture.Eventually(async () => await cluster.Dig(secondary, "-x", "10.0.0.77") == fqdn + ".", Propagation),
                $"{secondary.Host} did not get the PTR record:\n{cluster.LogOf(secondary)}");
        }

        Assert.True(await cluster.Records.DeleteHostAsync(name));
        foreach (var secondary in cluster.Secondaries.Prepend(cluster.Primary))
        {
            Assert.True(await NamedClusterFixture.Eventually(async () => await cluster.Status(secondary, fqdn, "A") == "NXDOMAIN", Propagation),
                $"{secondary.Host} still answers {fqdn}:\n{cluster.LogOf(secondary)}");
            Assert.True(await NamedClusterFixture.Eventually(async () => await cluster.Status(secondary, "-x", "10.0.0.77") == "NXDOMAIN", Propagation),
                $"{secondary.Host} still answers the PTR of 10.0.0.77");
        }
    }

    [Fact]
    public async Task Replacing_an_address_is_answered_and_repeating_it_leaves_the_serial()
    {
        const string fqdn = "api-test-2.oppp.lab";
        await cluster.Records.AddOrReplaceHostAsync("api-test-2", "10.0.0.78");
        Assert.True(await cluster.Records.AddOrReplaceHostAsync("api-test-2", "10.0.0.79"));
        Assert.True(await NamedClusterFixture.Eventually(async () => await cluster.Dig(cluster.Primary, fqdn, "A") == "10.0.0.79", Propagation));
        Assert.True(await NamedClusterFixture.Eventually(async () => await cluster.Status(cluster.Primary, "-x", "10.0.0.78") == "NXDOMAIN", Propagation));

        var serial = (await cluster.Records.ReadZoneAsync("oppp.lab")).Soa.Serial;
        Assert.True(await NamedClusterFixture.Eventually(async () => await Serial() == serial, Propagation));
        Assert.False(await cluster.Records.AddOrReplaceHostAsync("api-test-2", "10.0.0.79"));
        Assert.Equal(serial, await Serial());
        Assert.Equal(serial, (await cluster.Records.ReadZoneAsync("oppp.lab")).Soa.Serial);
        Assert.Equal("10.0.0.79", await cluster.Dig(cluster.Primary, fqdn, "A"));
        await cluster.Records.DeleteHostAsync("api-test-2");
    }

    [Fact]
    public async Task Every_server_answers_rndc_with_the_rendered_key()
    {
        foreach (var server in cluster.Secondaries.Prepend(cluster.Primary))
        {
            var words = cluster.Settings.Rndc(server);
            var (exit, output) = await Tool.RunAsync(words[0], [.. words.Skip(1), "status"]);
            Assert.True(exit == 0, $"{server.Host}: rndc status failed: {output}");
            Assert.Contains("server is up and running", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Health_check_passes_against_the_real_servers()
    {
        var report = await WithRunnerAsync(cluster.Config, runner => runner.VerifyAsync(Installer(), CancellationToken.None));
        Assert.True(report.Healthy, string.Join("\n", report.Checks.Where(c => !c.Ok).Select(c => $"{c.Host} {c.Check}: {c.Detail}")));
        Assert.Equal(12, report.Checks.Count);
    }

    [Fact]
    public async Task Installer_rerun_with_a_new_compute_node_reaches_every_server_and_keeps_the_zones()
    {
        var config = BindTestCluster.Config();
        config.ComputeNodes.Add(new OsInstall.Common.Config.HostEntry { Name = "o3p-os-compute-3", Address = "10.1.1.6" });
        const string fqdn = "o3p-os-compute-3.oppp.lab";
        try
        {
            await WithRunnerAsync(config, runner => runner.InstallAsync([Installer()], CancellationToken.None));
            foreach (var server in cluster.Secondaries.Prepend(cluster.Primary))
            {
                Assert.True(await NamedClusterFixture.Eventually(async () => await cluster.Dig(server, fqdn, "A") == "10.1.1.6", Propagation),
                    $"{server.Host} does not answer {fqdn}:\n{cluster.LogOf(server)}");
                Assert.True(await NamedClusterFixture.Eventually(async () => await cluster.Dig(server, "-x", "10.1.1.6") == fqdn + ".", Propagation),
                    $"{server.Host} does not answer the PTR of 10.1.1.6");
            }

            var zones = cluster.Settings.Zones(config).All.ToDictionary(z => z.FilePath, z => File.ReadAllText(z.FilePath));
            await WithRunnerAsync(config, runner => runner.InstallAsync([Installer()], CancellationToken.None));
            Assert.All(zones, z => Assert.Equal(z.Value, File.ReadAllText(z.Key)));
        }
        finally
        {
            await cluster.Records.DeleteHostAsync("o3p-os-compute-3");
        }
    }

    /// <summary>The bind component with the fixture's servers; Debian's named group is "bind", not "named", so files stay root's.</summary>
    private BindInstaller Installer() => new(_ => cluster.Settings with { FileGroup = "root" }, null);

    private async Task<T> WithRunnerAsync<T>(OsInstall.Common.Config.ClusterConfig config, Func<ComponentRunner, Task<T>> action)
    {
        var hosts = cluster.Settings.Servers.ToDictionary(
            s => s.Host, s => (ITarget)new AlpineStandInTarget(new LocalTarget(s.Host, TimeSpan.FromSeconds(30)), cluster.Settings.Rndc(s)));
        var logs = Directory.CreateTempSubdirectory("osinstall-bind-real-");
        try
        {
            var runner = BindTestCluster.Runner(config, new MapTargetProvider(hosts), new RunOptions { LogDir = logs.FullName, Force = true, Parallel = 1 });
            // Parallel = 1: the three "controllers" are this one machine and share one resolv.conf path,
            // so their resolv-conf steps would race on it (on real hosts each has its own file).
            return await action(runner);
        }
        finally
        {
            logs.Delete(recursive: true);
        }
    }

    private Task WithRunnerAsync(OsInstall.Common.Config.ClusterConfig config, Func<ComponentRunner, Task> action) =>
        WithRunnerAsync(config, async runner =>
        {
            await action(runner);
            return true;
        });

    private async Task<long> Serial()
    {
        var soa = await cluster.Dig(cluster.Primary, "oppp.lab", "SOA");
        return long.Parse(soa.Split(' ')[2], CultureInfo.InvariantCulture);
    }
}
