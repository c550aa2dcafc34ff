using OsInstall.Common.Shell;
using OsInstall.Common.Targets;
using OsInstall.Tests.Simulation;
using Xunit;

namespace OsInstall.Tests.Ssh;

[Collection(SimulatedClusterCollection.Name)]
public sealed class StandInTests(SimulatedCluster cluster)
{
    private const string Host = "o3p-os-compute-2";

    [SimulationFact]
    public async Task Service_package_and_container_stand_ins_keep_minimal_state()
    {
        await using var provider = cluster.CreateProvider();
        var target = await provider.GetAsync(Host);

        Assert.Equal(3, (await target.RunAsync("rc-service named status")).ExitCode);
        await target.RunCheckedAsync("rc-service named start");
        Assert.Equal(" * status: started\n", (await target.RunCheckedAsync("rc-service named status")).StdOut);
        Assert.Equal(1, (await target.RunAsync("apk info -e bind")).ExitCode);
        await target.RunCheckedAsync("apk add bind bind-tools");
        Assert.Equal("bind\n", (await target.RunCheckedAsync("apk info -e bind")).StdOut);
        await target.RunCheckedAsync("lxc-create -n keystone-1 -t download && lxc-start -n keystone-1");
        Assert.Contains("RUNNING", (await target.RunCheckedAsync("lxc-info -n keystone-1")).StdOut, StringComparison.Ordinal);
        await target.RunCheckedAsync("lxc-stop -n keystone-1; lxc-destroy -n keystone-1; rc-service named stop");
    }

    [SimulationFact]
    public async Task Guarded_stand_ins_answer_reads_and_only_record_changes()
    {
        await using var provider = cluster.CreateProvider();
        var target = await provider.GetAsync(Host);
        cluster.ClearCalls();

        var year = await target.RunCheckedAsync(Sh.Join("date", "-u", "+%Y"));
        var setClock = await target.RunAsync("date -s 2001-01-01");
        var name = await target.RunCheckedAsync("hostname");
        await target.RunCheckedAsync("hostname evil-name");

        Assert.Equal($"{DateTime.UtcNow.Year}\n", year.StdOut);
        Assert.Equal(0, setClock.ExitCode);
        Assert.Equal($"{Host}\n", name.StdOut);
        Assert.NotEqual("evil-name", System.Net.Dns.GetHostName());
        Assert.Equal(["date -u +%Y", "date -s 2001-01-01", "hostname", "hostname evil-name"], cluster.Calls(Host).Select(c => c.ToString().TrimEnd()));
    }

    [SimulationFact]
    public async Task Canned_output_is_printed_by_the_stand_in()
    {
        await using var provider = cluster.CreateProvider();
        var target = await provider.GetAsync(Host);
        cluster.SetOutput(Host, "ceph", "HEALTH_OK\n");

        var result = await target.RunCheckedAsync("ceph health");

        Assert.Equal("HEALTH_OK\n", result.StdOut);
    }
}
