using System.Net;
using System.Text.RegularExpressions;
using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Journal;
using OsInstall.Common.Secrets;
using OsInstall.Components;
using OsInstall.Tests.Simulation;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Resilience;

/// <summary>
/// Hostile values in every string of the config (bound with <see cref="ConfigLoader.BindText"/>, which
/// skips the value rules that would refuse them) and in every secret, installed for real on the
/// simulated cluster: each value reaches the hosts as one literal argument or file content, and none
/// of the commands hidden in it ever runs (no /tmp/pwned-N appears on any host).
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed partial class InjectionTests(ResilienceCluster cluster)
{
    private static readonly string[] Components = ["prepare", "bind", "rsyslog"];

    /// <summary>Every metacharacter, a newline, and four ways to smuggle in `touch /tmp/pwned-N`.</summary>
    public static string Payload(string tag) =>
        $"v{tag}'\"$\\`;|&<> $(touch /tmp/pwned-{tag}) `touch /tmp/pwned-{tag}`; touch /tmp/pwned-{tag} | touch /tmp/pwned-{tag}\ntouch /tmp/pwned-{tag} #";

    [SimulationFact]
    public async Task Hostile_config_strings_and_secrets_reach_the_hosts_literally_and_run_nothing()
    {
        var (config, injected) = HostileConfig();
        var secrets = new SecretStore();
        var n = 0;
        foreach (var spec in SecretCatalog.All)
        {
            secrets.Set(spec.Name, Payload($"s{n++}"));
        }
        cluster.ClearFaults();
        cluster.ClearDelays();
        cluster.ClearCalls();
        using var logs = new TempDir("osinstall-injection");
        await using (var targets = cluster.CreateProvider(config: config))
        {
            var runner = new ComponentRunner(config, secrets, ComponentCatalog.Templates, targets, InstallJournal.InMemory(),
                new RunOptions { LogDir = logs.Path, Force = true, VerifyAfterInstall = false });
            var failure = await Record.ExceptionAsync(() => runner.InstallAsync(ComponentCatalog.Resolve(Components), CancellationToken.None));
            Assert.True(failure is null, $"install with hostile values failed: {failure}");
        }

        // Nothing smuggled in ran: no host (nor this machine) has a /tmp/pwned-*.
        foreach (var h in cluster.Hosts)
        {
            var tmp = cluster.InRoot(h.Name, "/tmp");
            Assert.Empty(Directory.Exists(tmp) ? Directory.GetFiles(tmp, "pwned-*") : []);
        }
        Assert.Empty(Directory.GetFiles("/tmp", "pwned-*"));

        // Every argument the stand-ins received that carries a payload carries all of it, in one piece.
        var calls = cluster.HostNames.SelectMany(h => cluster.Calls(h)).ToList();
        var carrying = calls.SelectMany(c => c.Args).Where(a => a.Contains("touch /tmp/pwned-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(carrying);
        Assert.All(carrying, a => Assert.Matches(WholePayloadInside(), a));
        Assert.All(calls, c => Assert.NotEqual("touch", c.Command));

        // ...and the files the hosts got hold the values literally (a host name in /etc/hosts, a secret in a keyring).
        var first = config.Controllers[0].Name;
        Assert.Contains(first, cluster.ReadFile("o3p-os-controller-1", "/etc/hosts"));
        Assert.Contains(secrets.Get("ceph_admin_key"), cluster.ReadFile("o3p-os-controller-2", "/etc/ceph/ceph.client.admin.keyring"));
        Assert.True(injected.Count > 20, $"only {injected.Count} fields carried a payload");
    }

    /// <summary>The simulated cluster's config with a payload in every string that no component parses as an address.</summary>
    private (ClusterConfig Config, IReadOnlyList<string> Injected) HostileConfig()
    {
        var bound = ConfigLoader.BindText(SimulatedConfig.ToYaml(cluster.CreateConfig()));
        Assert.Empty(bound.Errors);
        var config = bound.Config!;
        var injected = new List<string>();
        var i = 0;
        foreach (var field in ConfigStringField.All(config))
        {
            if (Reaches(field))
            {
                field.Set(Payload($"c{i++}"));
                injected.Add(field.Path);
            }
        }
        // The values went through the loader as YAML: bind the hostile YAML again, as the CLI would read it.
        var rebound = ConfigLoader.BindText(SimulatedConfig.ToYaml(config));
        Assert.Empty(rebound.Errors);
        return (rebound.Config!, injected);
    }

    /// <summary>
    /// Left alone: how to reach a host (the ssh section, host addresses), and addresses, networks and
    /// MACs, which components parse into numbers before anything is rendered.
    /// </summary>
    private static bool Reaches(ConfigStringField field) =>
        !field.Path.StartsWith("Ssh.", StringComparison.Ordinal)
        && !field.Path.EndsWith(".Address", StringComparison.Ordinal)
        && !IPAddress.TryParse(field.Value, out _)
        && !IPNetwork.TryParse(field.Value, out _)
        && !Mac().IsMatch(field.Value);

    [GeneratedRegex("^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){2,5}$")]
    private static partial Regex Mac();

    [GeneratedRegex(@"v[cs][0-9]+'""\$\\`;\|&<> \$\(touch /tmp/pwned-[cs][0-9]+\) `touch /tmp/pwned-[cs][0-9]+`; touch /tmp/pwned-[cs][0-9]+ \| touch /tmp/pwned-[cs][0-9]+\ntouch /tmp/pwned-[cs][0-9]+ #")]
    private static partial Regex WholePayloadInside();
}
