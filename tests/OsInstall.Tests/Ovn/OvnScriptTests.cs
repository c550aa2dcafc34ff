using OsInstall.Common.Config;
using OsInstall.Common.Targets;
using OsInstall.Components.Ovn;
using OsInstall.Tests.Bind;
using OsInstall.Tests.Prepare;
using OsInstall.Tests.TestSupport;
using Xunit;

namespace OsInstall.Tests.Ovn;

/// <summary>What the ovn component writes and runs, from a dry-run install and uninstall of the example cluster, through sh -n and shellcheck.</summary>
public sealed class OvnScriptTests
{
    private static readonly ClusterConfig Config = ConfigLoader.LoadFile(RepoPaths.ExampleConfig).Config!;

    private static Task<IReadOnlyList<PlannedAction>> InstallAsync() => BindTestCluster.DryRunAsync(new OvnInstaller(), Config);

    [Fact]
    public async Task Init_scripts_pass_sh_n_and_shellcheck()
    {
        var scripts = (await InstallAsync()).Where(a => a.Kind == "write" && a.Path!.StartsWith("/etc/init.d/", StringComparison.Ordinal)).ToList();
        Assert.Equal(6 * 3, scripts.Count);
        foreach (var s in scripts)
        {
            Assert.StartsWith("#!/sbin/openrc-run\n", s.Content, StringComparison.Ordinal);
            Assert.Equal("0755", s.Spec!.Mode);
            var (exit, output) = await Tool.RunAsync("/bin/sh", "-n", "-c", s.Content!);
            Assert.True(exit == 0, $"{s.Host}:{s.Path}: {output}");
            // SC2034: OpenRC reads the variables the script only assigns.
            var (code, findings) = await ShellCheck.RunAsync(s.Content!, "sh", "SC2034");
            Assert.True(code == 0, $"{s.Host}:{s.Path}:\n{findings}\n{s.Content}");
        }
    }

    [Fact]
    public async Task Database_servers_listen_on_their_own_address_and_northd_gets_every_controller()
    {
        var actions = await InstallAsync();
        string Script(string host, string service) => actions.Single(a => a.Host == host && a.Path == $"/etc/init.d/{service}").Content!;

        Assert.Contains("--remote=ptcp:6641:10.1.1.2", Script("o3p-os-controller-2", "ovn-ovsdb-server-nb"), StringComparison.Ordinal);
        Assert.Contains("--remote=ptcp:6642:10.1.1.3", Script("o3p-os-controller-3", "ovn-ovsdb-server-sb"), StringComparison.Ordinal);
        Assert.Contains("--ovnnb-db=tcp:10.1.1.1:6641,tcp:10.1.1.2:6641,tcp:10.1.1.3:6641", Script("o3p-os-controller-1", "ovn-northd"), StringComparison.Ordinal);
        Assert.Contains("--ovnsb-db=tcp:10.1.1.1:6642,tcp:10.1.1.2:6642,tcp:10.1.1.3:6642", Script("o3p-os-controller-1", "ovn-northd"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_scripts_and_every_command_pass_shellcheck()
    {
        var actions = await InstallAsync();
        var uninstall = await BindTestCluster.DryRunAsync(new OvnInstaller(), Config, uninstall: true);
        var builds = actions.Where(a => a.Kind == "write" && a.Path!.Contains("osinstall-build-", StringComparison.Ordinal)).ToList();
        Assert.Equal(2 * 3, builds.Count);
        foreach (var b in builds)
        {
            var (code, findings) = await ShellCheck.RunAsync(b.Content!);
            Assert.True(code == 0, $"{b.Path}:\n{findings}\n{b.Content}");
        }
        var commands = actions.Concat(uninstall).Where(a => a.Kind == "run").Select(a => a.Detail).Distinct().ToList();
        Assert.Contains(commands, c => c.Contains("ovn-nbctl", StringComparison.Ordinal));
        var script = "#!/bin/sh\n" + string.Join("\n", commands) + "\n";
        var (exit, output) = await ShellCheck.RunAsync(script);
        Assert.True(exit == 0, output + "\n" + script);
    }

    [Fact]
    public async Task A_dry_run_plans_the_topology_from_controller_1_only()
    {
        var actions = await InstallAsync();
        var nbctl = actions.Where(a => a.Kind == "run" && a.Detail.StartsWith("ovn-nbctl", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(nbctl);
        Assert.All(nbctl, a => Assert.Equal("o3p-os-controller-1", a.Host));
        Assert.Contains(nbctl, a => a.Detail.Contains("'<dhcp_options uuid>'", StringComparison.Ordinal));
    }
}
