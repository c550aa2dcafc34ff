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

    /// <summary>
    /// The Erlang cookie as the installer writes it (the secret's exact bytes, mode 0400) reads back
    /// exactly through Erlang's own cookie reader (erl with distribution on, no epmd and no listener,
    /// so nothing is started beside it), even when it is hostile; a character outside the format the
    /// secrets reader enforces is refused by Erlang itself.
    /// </summary>
    [Theory]
    [InlineData(" v'\"$\\`;|&<> $(touch /tmp/pwned) %(x)s ${y} $z %% # ;x ~p~n ", true)]
    [InlineData("caf\u00e9-cookie-value", false)]
    public async Task The_erlang_cookie_reads_back_exactly_through_erlang(string cookie, bool fits)
    {
        Assert.Equal(fits, RabbitmqInstaller.CookieFormat.Accepts(cookie));
        using var home = new TempDir("osinstall-erlang-cookie");
        var file = home.File(".erlang.cookie");
        await File.WriteAllTextAsync(file, cookie);
        File.SetUnixFileMode(file, UnixFileMode.UserRead);

        var r = await Rsyslog.ExternalTool.RunAsync("/usr/bin/env",
            ["HOME=" + home.Path, "erl", "-sname", "osinstall-cookie-check", "-dist_listen", "false", "-start_epmd", "false", "-noshell",
             "-eval", "io:put_chars([\"<<\", atom_to_list(erlang:get_cookie()), \">>\"]), halt()."], CancellationToken.None);

        if (fits)
        {
            Assert.True(r.Succeeded, r.Output);
            Assert.Equal($"<<{cookie}>>", r.Output.Trim('\n'));
        }
        else
        {
            Assert.Contains("Bad characters in cookie", r.Output, StringComparison.Ordinal);
        }
    }
}
