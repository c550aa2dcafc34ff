using OsInstall.Common.Config;
using OsInstall.Common.Secrets;
using OsInstall.Components;
using Xunit;

namespace OsInstall.Tests.Prepare;

/// <summary>prepare against the example cluster the repository ships (config/common.yaml).</summary>
public sealed class PrepareShippedConfigTests
{
    private static ClusterConfig LoadShippedConfig()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OsInstall.sln")))
        {
            dir = dir.Parent;
        }
        Assert.NotNull(dir);
        var result = ConfigLoader.LoadFile(Path.Combine(dir.FullName, "config", "common.yaml"));
        Assert.True(result.Config is not null, string.Join("\n", result.Errors.Select(e => e.ToString())));
        return result.Config;
    }

    [Fact]
    public async Task Dry_run_of_the_example_cluster_touches_every_controller_and_nothing_else()
    {
        var config = LoadShippedConfig();
        var secrets = new SecretStore();
        SecretsFile.FillMissing(secrets, SecretCatalog.All);

        var actions = await PrepareHarness.DryRunInstallAsync(config, secrets);

        Assert.Equal(config.Controllers.Select(c => c.Name).Order(), actions.Select(a => a.Host).Distinct().Order());
        foreach (var c in config.Controllers)
        {
            Assert.Contains($"{c.Address}\t{c.Name}.{config.Cluster.Domain} {c.Name}\n", actions.Write(c.Name, "/etc/hosts").Content, StringComparison.Ordinal);
        }
        Assert.Contains(actions, a => a.Kind == "run" && a.Detail.Contains(
            $"python-openstackclient=={config.Versions.OpenstackClient} osc-placement=={config.Versions.OscPlacement}", StringComparison.Ordinal));
    }
}
