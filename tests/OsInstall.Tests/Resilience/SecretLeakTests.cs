using OsInstall.Tests.EndToEnd;
using OsInstall.Tests.Simulation;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Resilience;

/// <summary>
/// Extends EndToEnd's secrets check (a clean verbose install and a dry run) to the paths where a
/// secret could slip out: a failed verbose run and its error messages, the resumed run, `render`
/// without --with-secrets, `status`, and a verbose dry run.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class SecretLeakTests(ResilienceCluster cluster)
{
    // ovn needs canned northbound answers from its own fixture; the foundation's components carry the secrets.
    private const string FoundationComponents = "prepare,bind,rsyslog";

    [SimulationFact]
    public async Task No_secret_in_logs_console_or_rendered_files_of_a_failed_resumed_and_rendered_cluster_install()
    {
        using var op = new CliScenario(cluster);
        using var rendered = new TempDir("osinstall-render");
        using var renderedWithSecrets = new TempDir("osinstall-render-secrets");
        cluster.ClearFaults();
        cluster.ClearDelays();
        // bind fails on the last controller after the keys were written everywhere else.
        cluster.InjectFault("o3p-os-controller-3", "rc-service", "named", 5);
        var failed = await op.RunAsync("cluster", "install", "--only", FoundationComponents, "--verbose");
        cluster.ClearFaults();
        Assert.True(failed.ExitCode == 1, failed.Output);
        var resumed = await op.RunAsync("cluster", "install", "--only", FoundationComponents, "--verbose");
        Assert.True(resumed.ExitCode == 0, resumed.Output);
        var status = await op.RunAsync("status");
        var dry = await op.RunAsync("cluster", "install", "--dry-run", "--verbose");
        Assert.Equal(0, dry.ExitCode);
        var render = await op.RunAsync("render", "--out", rendered.Path);
        Assert.True(render.ExitCode == 0, render.Output);
        var renderSecrets = await op.RunAsync("render", "--out", renderedWithSecrets.Path, "--with-secrets");
        Assert.True(renderSecrets.ExitCode == 0, renderSecrets.Output);

        var texts = op.AllLogFiles().Concat(Files(rendered.Path)).Select(File.ReadAllText)
            .Concat([failed.Output, resumed.Output, status.Output, dry.Output, render.Output]).ToList();
        Assert.Contains("exit=0", resumed.Output); // --verbose did echo the log
        foreach (var (name, value) in op.Secrets.Values)
        {
            Assert.All(texts, t => Assert.False(t.Contains(value, StringComparison.Ordinal), $"secret {name} leaked"));
        }
        // The same search finds secrets where they are meant to be: the check can fail.
        var withSecrets = string.Join('\n', Files(renderedWithSecrets.Path).Select(File.ReadAllText));
        Assert.Contains(op.Secrets.Values, s => withSecrets.Contains(s.Value, StringComparison.Ordinal));
    }

    private static IEnumerable<string> Files(string dir) => Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories);
}
