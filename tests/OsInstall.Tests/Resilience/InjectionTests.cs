using System.Net;
using System.Text.RegularExpressions;
using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Journal;
using OsInstall.Common.Secrets;
using OsInstall.Common.Shell;
using OsInstall.Components;
using OsInstall.Tests.Simulation;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Resilience;

/// <summary>
/// Issue 7's injection requirement, runner level: hostile values that the real loader would refuse
/// (newlines, and strings the validator's formats keep out, bound here with
/// <see cref="ConfigLoader.BindText"/>, which skips the rules) in every string of the config and in
/// every secret, installed for real by prepare, bind and rsyslog on the simulated cluster: defence in
/// depth behind the validator. Each value reaches the hosts as literal arguments or file content, and
/// none of the commands hidden in it runs (no /tmp/pwned-N appears on any host).
/// Where the other parts are covered:
/// - every component of `cluster install` (prepare..horizon) through the real CLI, every secret and
///   every config string the validator accepts holding a one-line payload: EndToEnd/FullClusterTests;
///   the compute nodes: Compute/ComputeInstallTests; the sample VM: SampleVm/SampleVmSimulationTests
///   (all with <see cref="Hostile"/>, whose check <see cref="HostileCheckTests"/> proves able to fail);
/// - every config string either refused by the validator naming its key, or carried by that run:
///   ConfigFieldClassificationTests (pxe/ipxe strings are all refused, so no pxe run is needed);
/// - ssh.key_file, which reaches commands only when osinstall runs on controller-1: the last fact here;
/// - hostile values inside the rendered files and SQL, read back with the real parsers: those
///   components' own tests.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed partial class InjectionTests(ResilienceCluster cluster)
{
    private static readonly string[] Components = ["prepare", "bind", "rsyslog"];

    /// <summary>Every metacharacter, a newline, and four ways to smuggle in `touch /tmp/pwned-N`.</summary>
    public static string Payload(string tag) =>
        $"v{tag}'\"$\\`;|&<> $(touch /tmp/pwned-{tag}) `touch /tmp/pwned-{tag}`; touch /tmp/pwned-{tag} | touch /tmp/pwned-{tag}\ntouch /tmp/pwned-{tag} #";

    /// <summary>
    /// DNS names end up in zone files that bind's own parser reads back; a name with a newline cannot
    /// be a zone's owner name, so bind is run with clean names (the validator refuses such names anyway).
    /// </summary>
    private static readonly string[] ZoneNames = ["Cluster.Domain", "Controllers[", "ComputeNodes["];

    [SimulationTheory]
    [InlineData("prepare,rsyslog", false)]
    [InlineData("bind", true)] // bind's commands carry no config value: its values go into files
    public async Task Hostile_config_strings_and_secrets_reach_the_hosts_literally_and_run_nothing(string components, bool cleanZoneNames)
    {
        var (config, injected) = HostileConfig(cleanZoneNames);
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
            var failure = await Record.ExceptionAsync(() => runner.InstallAsync(ComponentCatalog.Resolve(components.Split(',')), CancellationToken.None));
            Assert.True(failure is null, $"install with hostile values failed: {failure}\nfields c0..: {string.Join(", ", injected)}");
        }

        // Nothing smuggled in ran: no host (nor this machine) has a /tmp/pwned-*.
        foreach (var h in cluster.Hosts)
        {
            var tmp = cluster.InRoot(h.Name, "/tmp");
            Assert.Empty(Directory.Exists(tmp) ? Directory.GetFiles(tmp, "pwned-*") : []);
        }
        Assert.Empty(Directory.GetFiles("/tmp", "pwned-*"));

        // Every argument the stand-ins received that carries a payload carries whole ones, quoted wherever
        // a shell reads it again (a script for `sh -c` or `su -c`).
        var calls = cluster.HostNames.SelectMany(h => cluster.Calls(h)).ToList();
        Assert.Empty(calls.SelectMany(c => Hostile.Pieces([ShellScript.Literal(c.Command, c.Args)], WholePayloadInside())));
        Assert.All(calls, c => Assert.NotEqual("touch", c.Command));

        // ...and the files the hosts got hold the values literally (a host name in /etc/hosts, a secret in a keyring or key).
        if (!cleanZoneNames)
        {
            Assert.Contains(config.Controllers[0].Name, cluster.ReadFile("o3p-os-controller-1", "/etc/hosts"));
            Assert.Contains(secrets.Get("ceph_admin_key"), cluster.ReadFile("o3p-os-controller-2", "/etc/ceph/ceph.client.admin.keyring"));
        }
        else
        {
            var keys = Directory.GetFiles(cluster.InRoot("o3p-os-controller-1", "/etc/bind"), "*.key").Select(File.ReadAllText).ToList();
            Assert.Contains(secrets.Values.Values, v => keys.Any(k => k.Contains(v, StringComparison.Ordinal)));
        }
        Assert.True(injected.Count > 20, $"only {injected.Count} fields carried a payload");
    }

    [SimulationFact]
    public async Task Every_hostile_value_quoted_by_the_helper_reaches_a_remote_stand_in_as_one_literal_argument()
    {
        var (config, injected) = HostileConfig(cleanZoneNames: false);
        var values = ConfigStringField.All(config).Where(f => f.Value?.Contains("pwned-", StringComparison.Ordinal) == true).Select(f => f.Value!)
            .Concat(Enumerable.Range(0, SecretCatalog.All.Count).Select(i => Payload($"s{i}"))).ToList();
        Assert.Equal(injected.Count + SecretCatalog.All.Count, values.Count);
        cluster.ClearFaults();
        cluster.ClearDelays();
        cluster.ClearCalls();
        await using (var targets = cluster.CreateProvider())
        {
            var host = await targets.GetAsync("o3p-os-compute-1");
            foreach (var v in values)
            {
                var r = await host.RunAsync(Sh.Join("logger", "-t", "osinstall", v));
                Assert.True(r.Succeeded, r.StdErr);
            }
        }
        var calls = cluster.Calls("o3p-os-compute-1");
        Assert.Equal(values.Select(v => new[] { "-t", "osinstall", v }), calls.Select(c => c.Args.ToArray()));
        Assert.All(calls, c => Assert.Equal("logger", c.Command));
        Assert.Empty(Directory.GetFiles(cluster.InRoot("o3p-os-compute-1", "/tmp"), "pwned-*"));
    }

    /// <summary>
    /// With ssh.local_first_controller (osinstall runs on controller-1) ssh.key_file is controller-1's own
    /// key, and its path reaches commands there: made if missing, its public half authorized on the
    /// other controllers, passed to scp -i. The validator accepts any path (it is a file on the
    /// operator's machine), so a hostile one must be made, used and passed whole. The simulated
    /// cluster reaches every host over SSH: the provider gets a copy of the config without that setting.
    /// </summary>
    [SimulationFact]
    public async Task A_hostile_key_file_path_on_the_local_first_controller_is_made_used_and_passed_whole()
    {
        const string C1 = "o3p-os-controller-1";
        var config = cluster.CreateConfig();
        var provider = Hostile.Copy(config);
        config.Ssh.LocalFirstController = true;
        var key = Hostile.Inject(config, "kf", ["Ssh.KeyFile"], (_, payload) => "/root/.ssh/" + payload)["Ssh.KeyFile"];
        var (secrets, _) = Hostile.Secrets("ks");
        cluster.ClearFaults();
        cluster.ClearDelays();
        cluster.ClearCalls();
        // controller-2 gets the openstack client again (by scp -i with the key), whatever an earlier test left.
        var stamp = cluster.InRoot("o3p-os-controller-2", OsInstall.Components.Prepare.PreparePaths.ClientStamp);
        if (File.Exists(stamp))
        {
            File.Delete(stamp);
        }
        using var logs = new TempDir("osinstall-injection");
        await using (var targets = cluster.CreateProvider(config: provider))
        {
            var runner = new ComponentRunner(config, secrets, ComponentCatalog.Templates, targets, InstallJournal.InMemory(),
                new RunOptions { LogDir = logs.Path, Force = true, VerifyAfterInstall = false });
            var failure = await Record.ExceptionAsync(() => runner.InstallAsync(ComponentCatalog.Resolve(["prepare"]), CancellationToken.None));
            Assert.True(failure is null, $"prepare with a hostile key path failed: {failure}");
        }

        Assert.True(Hostile.AssertNothingRan(cluster, Hostile.Tags("kf", 1).Concat(Hostile.Tags("ks", secrets.Values.Count))) > 0);
        Assert.True(cluster.FileExists(C1, key) && cluster.FileExists(C1, key + ".pub"), "the key pair was made at the hostile path");
        var c1 = cluster.Calls(C1);
        Assert.Contains(c1, c => c.Command == "ssh-keygen" && c.Args.SkipWhile(a => a != "-f").Skip(1).FirstOrDefault() == key);
        Assert.Contains(c1, c => c.Command == "scp" && c.Args.SkipWhile(a => a != "-i").Skip(1).FirstOrDefault() == key);
        var publicKey = cluster.ReadFile(C1, key + ".pub")!.Trim();
        Assert.Contains(publicKey, cluster.ReadFile("o3p-os-controller-2", "/root/.ssh/authorized_keys"));
    }

    /// <summary>The simulated cluster's config with a payload in every string that no component parses as an address.</summary>
    private (ClusterConfig Config, IReadOnlyList<string> Injected) HostileConfig(bool cleanZoneNames)
    {
        var bound = ConfigLoader.BindText(SimulatedConfig.ToYaml(cluster.CreateConfig()));
        Assert.Empty(bound.Errors);
        var config = bound.Config!;
        var injected = new List<string>();
        var i = 0;
        foreach (var field in ConfigStringField.All(config))
        {
            if (Reaches(field) && !(cleanZoneNames && ZoneNames.Any(z => field.Path.StartsWith(z, StringComparison.Ordinal))))
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

    /// <summary>A choice and a size: the component refuses anything else itself, before it sends a command.</summary>
    private static readonly HashSet<string> Choices = new(StringComparer.Ordinal) { "Rsyslog.Protocol", "Rsyslog.QueueMaxDiskSpace" };

    /// <summary>
    /// Left alone: how to reach a host (the ssh section, host addresses); addresses, networks and
    /// MACs, which components parse into numbers before anything is rendered; and choices.
    /// </summary>
    private static bool Reaches(ConfigStringField field) =>
        field.Value is not null
        && !field.InMap
        && !field.Path.StartsWith("Ssh.", StringComparison.Ordinal)
        && !Choices.Contains(field.Path)
        && !field.Path.EndsWith(".Address", StringComparison.Ordinal)
        && !IPAddress.TryParse(field.Value, out _)
        && !IPNetwork.TryParse(field.Value, out _)
        && !Mac().IsMatch(field.Value);

    [GeneratedRegex("^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){2,5}$")]
    private static partial Regex Mac();

    [GeneratedRegex(@"v[cs][0-9]+'""\$\\`;\|&<> \$\(touch /tmp/pwned-[cs][0-9]+\) `touch /tmp/pwned-[cs][0-9]+`; touch /tmp/pwned-[cs][0-9]+ \| touch /tmp/pwned-[cs][0-9]+\ntouch /tmp/pwned-[cs][0-9]+ #")]
    private static partial Regex WholePayloadInside();
}
