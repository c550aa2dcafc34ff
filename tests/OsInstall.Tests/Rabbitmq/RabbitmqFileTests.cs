using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.OpenStack;
using OsInstall.Components;
using OsInstall.Components.Rabbitmq;
using OsInstall.Tests.Bind;
using OsInstall.Tests.Prepare;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Rabbitmq;

/// <summary>The rendered shell files through sh -n and shellcheck, and what they say for the example cluster.</summary>
public sealed class RabbitmqFileTests
{
    private static readonly ClusterConfig Config = ConfigLoader.LoadFile(RepoPaths.ExampleConfig).Config!;
    private static readonly RabbitmqRelease Release = RabbitmqRelease.From(Config);

    [Fact]
    public async Task The_init_script_passes_sh_n_and_shellcheck_and_runs_the_release_under_supervise_daemon()
    {
        var script = RabbitmqFiles.RenderInitScript(ComponentCatalog.Templates, Release);
        Assert.StartsWith("#!/sbin/openrc-run\n", script, StringComparison.Ordinal);
        var (exit, output) = await Tool.RunAsync("/bin/sh", "-n", "-c", script);
        Assert.True(exit == 0, output);
        // SC2034: OpenRC reads the variables the script only assigns.
        var (code, findings) = await ShellCheck.RunAsync(script, "sh", "SC2034");
        Assert.True(code == 0, findings + "\n" + script);
        Assert.Contains($"command=\"/opt/rabbitmq_server-{Config.Versions.Rabbitmq}/sbin/rabbitmq-server\"", script, StringComparison.Ordinal);
        Assert.Contains("supervisor=supervise-daemon", script, StringComparison.Ordinal);
        Assert.Contains("command_user=\"rabbitmq:rabbitmq\"", script, StringComparison.Ordinal);
        Assert.Contains("logger -p local1.info -t rabbitmq", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_nodes_env_file_passes_shellcheck_and_names_its_own_node()
    {
        foreach (var member in ContainerSet.Members(Config, ClusterEndpoints.RabbitmqSet))
        {
            var env = RabbitmqFiles.RenderEnv(ComponentCatalog.Templates, RabbitmqNode.For(member, Release));
            // rabbitmq-env sources the file with sh; its variables are read there.
            var (code, findings) = await ShellCheck.RunAsync(env, "sh", "SC2034");
            Assert.True(code == 0, findings + "\n" + env);
            Assert.Contains($"\nNODENAME=rabbit@{member.Container}\n", env, StringComparison.Ordinal);
            Assert.Contains($"\nCONFIG_FILE={Release.ConfPath}\n", env, StringComparison.Ordinal);
            Assert.Contains("\nMNESIA_BASE=/var/lib/rabbitmq/mnesia\n", env, StringComparison.Ordinal);
        }
        Assert.Equal(["rabbit@rabbitmq-1", "rabbit@rabbitmq-2", "rabbit@rabbitmq-3"], RabbitmqNode.NodeNames(Config));
    }

    [Fact]
    public void The_release_comes_from_the_configured_version_as_the_original_fetches_it()
    {
        Assert.Equal("https://github.com/rabbitmq/rabbitmq-server/releases/download/v4.0.5/rabbitmq-server-generic-unix-4.0.5.tar.xz", Release.Url);
        Assert.Equal("/opt/rabbitmq_server-4.0.5/etc/rabbitmq/rabbitmq-env.conf", Release.EnvPath);
        var bad = ConfigLoader.LoadFile(RepoPaths.ExampleConfig).Config!;
        bad.Versions.Rabbitmq = "4.0.5; rm -rf /";
        Assert.Throws<InvalidOperationException>(() => RabbitmqRelease.From(bad));
    }

    [Fact]
    public void The_health_parser_reads_running_nodes_and_nothing_from_an_answer_without_them()
    {
        Assert.Equal(["a@x", "b@y"], RabbitmqCtl.RunningNodes("Cluster status of node a@x ...\n{\"disk_nodes\":[\"a@x\"],\"running_nodes\":[\"a@x\",\"b@y\"]}\n"));
        Assert.Empty(RabbitmqCtl.RunningNodes(""));
        Assert.Empty(RabbitmqCtl.RunningNodes("{not json"));
        Assert.Empty(RabbitmqCtl.RunningNodes("{\"running_nodes\":\"a@x\"}"));
    }
}
