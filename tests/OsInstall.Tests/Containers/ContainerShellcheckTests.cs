using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Containers;

/// <summary>Every command line the container mechanism sends to a host passes shellcheck (as POSIX sh).</summary>
[Collection(SimulatedClusterCollection.Name)]
public sealed class ContainerShellcheckTests(SimulatedCluster cluster)
{
    [SimulationFact]
    public async Task Every_command_of_build_resize_flatten_and_uninstall_passes_shellcheck()
    {
        Assert.True(File.Exists("/usr/bin/shellcheck"), "shellcheck is missing: install tests/packages.d/containers.txt");
        using var s = new ContainerScenario(cluster, "sc");
        await s.InstallAsync();
        await s.RunAsync(3, "lxc-stop -n sc-3");
        await s.WithAdminAsync(a => a.ResizeAsync("sc-3", "2G", CancellationToken.None));
        await s.WithAdminAsync(a => a.ResizeAsync("sc-2", "2G", CancellationToken.None));
        await s.WithAdminAsync(a => a.FlattenAsync("sc-2", CancellationToken.None));
        await s.WithAdminAsync(a => a.ListAsync(CancellationToken.None));
        await s.UninstallAsync();

        var commands = s.Commands.Distinct(StringComparer.Ordinal).ToList();
        Assert.True(commands.Count > 20);
        var script = Path.Combine(Path.GetTempPath(), $"osinstall-containers-{Guid.NewGuid():N}.sh");
        try
        {
            // An lxc-attach payload is single-quoted on purpose: the container's shell expands it, not the host's.
            var lines = commands.Select(c => c.StartsWith("lxc-attach ", StringComparison.Ordinal) ? "# shellcheck disable=SC2016\n" + c : c);
            await File.WriteAllTextAsync(script, "#!/bin/sh\n" + string.Join("\n", lines) + "\n");
            var (exit, output) = await Bind.Tool.RunAsync("/usr/bin/shellcheck", "-s", "sh", script);
            Assert.True(exit == 0, output);
        }
        finally
        {
            File.Delete(script);
        }
    }
}
