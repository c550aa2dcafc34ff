using System.Text;
using System.Text.RegularExpressions;
using OsInstall.Tests.EndToEnd;
using OsInstall.Tests.Simulation;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Resilience;

/// <summary>
/// The bad-input corpus (tests/fixtures/bad-config) through the CLI, not the loader: `config validate`
/// and `cluster install` each exit 2 with "line N: key: message", print no stack trace, and touch no
/// host. Secrets files are paired with a config of the simulated cluster, so "no host" is checked
/// against real sshd logs and stand-in records.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed partial class BadInputCliTests(ResilienceCluster cluster)
{
    private static string CorpusDir => Path.Combine(OsInstall.Tests.Config.RepoPaths.Fixtures, "bad-config");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusDir, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [SimulationTheory]
    [MemberData(nameof(Files))]
    public async Task Each_bad_file_exits_2_naming_key_and_line_without_a_stack_trace_or_a_host_contacted(string name)
    {
        using var op = new CliScenario(cluster);
        var file = Path.Combine(CorpusDir, name);
        var isSecrets = name.StartsWith("secrets-", StringComparison.Ordinal);
        string[] inputs = isSecrets ? ["--config", op.ConfigPath, "--secrets", file] : ["--config", file, "--secrets", op.SecretsPath];
        string[] where = ["--log-dir", op.LogDir, "--state-dir", op.StateDir];
        cluster.ClearCalls();
        var logins = cluster.Hosts.Sum(h => h.AcceptedLogins());

        foreach (string[] command in (string[][])[["config", "validate"], ["cluster", "install"]])
        {
            var r = await CliRun.RunAsync([.. command, .. inputs, .. where]);
            var what = $"osinstall {string.Join(' ', command)} with {name}:\n{r.Output}";
            Assert.True(r.ExitCode == 2, what);
            Assert.Contains(Path.GetFileName(file), r.Output);
            Assert.True(KeyAndLine().IsMatch(r.Output), "no 'line N: key: ...' in " + what);
            Assert.DoesNotContain("   at ", r.Output);
            Assert.DoesNotContain("Exception", r.Output);
            if (ExpectedText(file) is { } expected)
            {
                Assert.True(r.Output.Contains(expected, StringComparison.Ordinal), $"'{expected}' missing from " + what);
            }
        }
        Assert.Equal(logins, cluster.Hosts.Sum(h => h.AcceptedLogins()));
        Assert.All(cluster.HostNames, h => Assert.Empty(cluster.Calls(h)));
        Assert.Empty(op.AllLogFiles());
        Assert.False(File.Exists(Path.Combine(op.StateDir, "journal.json")));
    }

    private static string? ExpectedText(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var end = Array.IndexOf(bytes, (byte)'\n');
        var first = Encoding.ASCII.GetString(bytes, 0, end < 0 ? bytes.Length : end);
        const string marker = "# expect: ";
        return first.StartsWith(marker, StringComparison.Ordinal) ? first[marker.Length..] : null;
    }

    // "  line 27: controllers[1].adress: unknown key ..." or "line 11: (file): ..." for the file as a whole.
    [GeneratedRegex(@"line [1-9][0-9]*: [^\s:]+: \S")]
    private static partial Regex KeyAndLine();
}
