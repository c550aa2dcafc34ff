using OsInstall.Components.Horizon;
using OsInstall.Tests.OpenStack;
using OsInstall.Tests.Placement;
using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Horizon;

/// <summary>horizon installed, installed again, verified and uninstalled on the simulated cluster.</summary>
[Collection(SimulatedClusterCollection.Name)]
public sealed class HorizonSimulationTests(SimulatedCluster cluster)
{
    [SimulationFact]
    public async Task Horizon_installs_workers_nginx_and_static_files_without_database_or_catalog_and_uninstalls()
    {
        using var sim = new ServiceSimulation(cluster, "horizon");
        sim.Config.Openstack.BjoernWorkers = 2;
        var horizon = new HorizonInstaller(_ => sim.Platform);
        var secret = OpenStackTestSecrets.Value(HorizonInstaller.SecretKeySecret);
        var ctx = sim.RenderContext();
        // The runner verifies after installing: the curl stand-in answers as a dashboard behind the VIP would.
        sim.SetCurlOutput(cluster, "200");
        try
        {
            await InstallVerifyUninstallAsync(sim, horizon, secret, ctx);
        }
        finally
        {
            sim.SetCurlOutput(cluster, null);
        }
    }

    private async Task InstallVerifyUninstallAsync(ServiceSimulation sim, HorizonInstaller horizon, string secret, OsInstall.Common.Engine.ComponentContext ctx)
    {
        await sim.RunAsync(horizon);

        // No database, no keystone user, service or endpoint.
        Assert.Empty(sim.Database.Calls);
        Assert.Empty(sim.Openstack());
        var first = sim.InContainer(1, "horizon-1");
        Assert.Contains(first, c => c.Contains("apk add", StringComparison.Ordinal) && c.Contains("nginx", StringComparison.Ordinal));
        Assert.Contains(first, c => c.Contains("git clone --depth 1 --branch " + sim.Config.Versions.OpenstackGitBranch, StringComparison.Ordinal)
                                    && c.Contains("/horizon.git /opt/horizon/src/horizon", StringComparison.Ordinal));
        Assert.Contains(first, c => c.Contains("-c " + sim.Config.Versions.UpperConstraintsUrl, StringComparison.Ordinal) && c.Contains("pymemcache", StringComparison.Ordinal));
        Assert.Contains(HorizonStatic.NginxGroupCommand(horizon.Service, HorizonNginx.Alpine), first);
        // Before the snapshot: the settings are written, linked into the package, and the static files built with them.
        var link = first.ToList().IndexOf(HorizonStatic.LinkSettingsCommand(horizon.Service));
        var build = first.ToList().IndexOf(HorizonStatic.EnsureCommand(horizon.Service));
        var settingsWrite = first.ToList().FindIndex(c => c.Contains("/etc/horizon/local_settings.py.osinstall-tmp", StringComparison.Ordinal));
        Assert.True(settingsWrite >= 0 && settingsWrite < link && link < build, string.Join('\n', first));
        var snapshot = cluster.Calls(sim.Controller1).ToList().FindIndex(c => c.Command == "rbd" && c.ArgLine.Contains("snap create", StringComparison.Ordinal) && c.Args.Contains("horizon-1@horizon-1"));
        var buildCall = cluster.Calls(sim.Controller1).ToList().FindIndex(c =>
            c.Command == "lxc-attach" && c.Args[^1] == HorizonStatic.EnsureCommand(horizon.Service));
        Assert.True(buildCall >= 0 && snapshot > buildCall, $"build {buildCall}, snapshot {snapshot}");
        for (var i = 1; i <= 3; i++)
        {
            var container = $"horizon-{i}";
            var files = sim.WrittenFiles(i, container);
            Assert.Equal(HorizonSettings.Render(ctx), files[HorizonInstaller.SettingsPath]);
            Assert.Equal(secret + "\n", files[HorizonInstaller.SecretKeyPath]);
            Assert.Equal("0640 root:horizon", sim.WrittenSpec(i, container, HorizonInstaller.SettingsPath));
            Assert.Equal("0640 root:horizon", sim.WrittenSpec(i, container, HorizonInstaller.SecretKeyPath));
            Assert.Equal(HorizonNginx.RenderMain(ctx, HorizonNginx.Alpine), files["/etc/nginx/nginx.conf"]);
            Assert.Equal(HorizonNginx.RenderSite(ctx), files["/etc/nginx/http.d/default.conf"]);
            Assert.Equal("0644 root:root", sim.WrittenSpec(i, container, "/etc/nginx/http.d/default.conf"));
            Assert.Contains("/usr/local/bin/horizon-bjoern", files.Keys);
            Assert.Contains("/etc/init.d/horizon-2", files.Keys);
            var commands = sim.InContainer(i, container);
            // Every member checks its static files against its settings (a clone finds them built).
            Assert.Contains(HorizonStatic.EnsureCommand(horizon.Service), commands);
            Assert.Contains(commands, c =>
                c.Contains("rc-update add horizon-1 default", StringComparison.Ordinal) &&
                c.Contains("rc-update add horizon-2 default", StringComparison.Ordinal) &&
                c.Contains("rc-update add nginx default", StringComparison.Ordinal));
        }
        // The build itself runs only behind the stamp check, as the service account.
        Assert.All(Enumerable.Range(1, 3).SelectMany(i => sim.InContainer(i, $"horizon-{i}")).Where(c => c.Contains("collectstatic", StringComparison.Ordinal)),
            c => Assert.StartsWith("[ -e /opt/horizon/osinstall-versions ]", c, StringComparison.Ordinal));
        AssertNoSecret(sim, secret);

        await sim.RunAsync(horizon);

        Assert.Empty(sim.Database.Calls);
        Assert.Empty(sim.Openstack());
        AssertNoSecret(sim, secret);

        // Healthy: workers and nginx running, the login page answers 200 through the VIP.
        sim.SetCurlOutput(cluster, "200");
        var healthy = await sim.VerifyAsync(horizon);
        sim.SetCurlOutput(cluster, "503");
        var down = await sim.VerifyAsync(horizon);
        sim.SetCurlOutput(cluster, "200");
        Assert.True(healthy.Healthy, string.Join('\n', healthy.Checks));
        Assert.Contains(healthy.Checks, c => c.Host == "horizon-3" && c.Check == "nginx running" && c.Ok);
        Assert.Contains(healthy.Checks, c => c.Host == "horizon-2" && c.Check == "horizon-2 running" && c.Ok);
        Assert.Contains(cluster.Calls(sim.Controller1), c => c.Command == "curl" && c.Args[^1] == "http://haproxy.oppp.lab:80/auth/login/".Replace("oppp.lab", sim.Config.Cluster.Domain, StringComparison.Ordinal));
        Assert.False(down.Healthy);
        Assert.Contains(down.Checks, c => !c.Ok && c.Detail == "HTTP 503");

        await sim.RunAsync(horizon, uninstall: true);

        Assert.Empty(sim.Database.Calls);
        Assert.Empty(sim.Openstack());
        for (var i = 1; i <= 3; i++)
        {
            Assert.Contains(cluster.Calls(sim.Controller(i)), c => c.Command == "lxc-stop" && c.Args.Contains($"horizon-{i}"));
        }
    }

    /// <summary>The key reaches the containers only as file content: never on a command line outside a file write, never in a log.</summary>
    private void AssertNoSecret(ServiceSimulation sim, string secret)
    {
        for (var i = 1; i <= 3; i++)
        {
            Assert.DoesNotContain(cluster.Calls(sim.Controller(i)), c => c.ArgLine.Contains(secret, StringComparison.Ordinal));
        }
        foreach (var log in Directory.EnumerateFiles(sim.LogDirectory, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(secret, File.ReadAllText(log), StringComparison.Ordinal);
        }
    }
}

internal static class HorizonSimulationExtensions
{
    /// <summary>What the curl stand-in on controller-1 prints (null: nothing).</summary>
    public static void SetCurlOutput(this ServiceSimulation sim, SimulatedCluster cluster, string? output)
    {
        if (output is null)
        {
            File.Delete(cluster.InRoot(sim.Controller1, $"{StandIns.OutputDirectory}/curl"));
        }
        else
        {
            cluster.SetOutput(sim.Controller1, "curl", output);
        }
    }
}
