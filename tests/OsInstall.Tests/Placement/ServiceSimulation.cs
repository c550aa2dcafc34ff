using System.Text;
using System.Text.RegularExpressions;
using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Common.Journal;
using OsInstall.Common.Secrets;
using OsInstall.Common.Targets;
using OsInstall.Components;
using OsInstall.Components.OpenStack;
using OsInstall.Components.Rsyslog;
using OsInstall.Tests.Containers;
using OsInstall.Tests.OpenStack;
using OsInstall.Tests.Simulation;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Placement;

/// <summary>
/// An OpenStack service component (placement, glance, cinder) run through the real runner on the
/// simulated cluster: containers on a fake container network, the database through
/// <see cref="FakeDatabaseEngine"/>, keystone as the openstack stand-in on controller-1 (which keeps
/// users, roles, services and endpoints), keystone recorded as installed in the journal. Commands
/// inside containers are recorded as the lxc-attach calls of their controller, not run.
/// </summary>
internal sealed partial class ServiceSimulation : IDisposable
{
    private readonly SimulatedCluster cluster;
    private readonly TempDir logs = new("osinstall-os-services");
    private readonly InstallJournal journal = InstallJournal.InMemory();

    public ServiceSimulation(SimulatedCluster cluster, string set)
    {
        this.cluster = cluster;
        Config = cluster.CreateConfig();
        // Each set's container disks in a pool of their own: tests of the collection share the stand-ins' state.
        Config.Ceph.RbdPool = $"pool-{set}";
        Platform = new ContainerPlatform(new FakeContainerNetwork(), (ctx, name) => RsyslogConfigs.RenderForwarder(ctx, name));
        journal.Update("keystone", r => r.State = ComponentState.Installed);
        var openrc = cluster.InRoot(Controller1, OpenStackCli.AdminOpenrc);
        Directory.CreateDirectory(Path.GetDirectoryName(openrc)!);
        File.WriteAllText(openrc, "export OS_USERNAME=admin OS_PROJECT_NAME=admin\n");
    }

    public ClusterConfig Config { get; }

    /// <summary>Where the runner writes the runs' logs.</summary>
    public string LogDirectory => logs.Path;

    public SecretStore Secrets { get; } = OpenStackTestSecrets.Create();

    public FakeDatabaseEngine Database { get; } = new();

    public ContainerPlatform Platform { get; }

    public string Controller1 => Config.Controllers[0].Name;

    public string Controller(int i) => Config.Controllers[i - 1].Name;

    /// <summary>A context over the same config and secrets, for rendering what the component should have written.</summary>
    public ComponentContext RenderContext() => RenderedConfigs.Context(Config, Secrets);

    /// <summary>Everything the runs so far wrote to their log files.</summary>
    public string Logs() =>
        string.Concat(Directory.EnumerateFiles(logs.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => File.ReadAllText(f, Encoding.UTF8)));

    /// <summary>Install (or uninstall) through the runner; the calls recorded before are forgotten.</summary>
    public async Task RunAsync(IComponent component, bool uninstall = false)
    {
        cluster.ClearCalls();
        Database.Calls.Clear();
        await using var provider = cluster.CreateProvider(config: Config);
        var runner = Runner(provider);
        await (uninstall
            ? runner.UninstallAsync([component], CancellationToken.None)
            : runner.InstallAsync([component], CancellationToken.None));
    }

    public async Task<HealthReport> VerifyAsync(IComponent component)
    {
        await using var provider = cluster.CreateProvider(config: Config);
        return await Runner(provider).VerifyAsync(component, CancellationToken.None);
    }

    /// <summary>The openstack client's calls on controller-1 (arguments after "openstack").</summary>
    public IReadOnlyList<string> Openstack() =>
        cluster.Calls(Controller1).Where(c => c.Command == "openstack").Select(c => c.ArgLine).ToList();

    /// <summary>The calls of the openstack client that created something.</summary>
    public IReadOnlyList<string> Creates() =>
        Openstack().Where(a => CreatePattern().IsMatch(a)).ToList();

    /// <summary>The shell commands run inside <paramref name="container"/> (lxc-attach on controller <paramref name="controller"/>).</summary>
    public IReadOnlyList<string> InContainer(int controller, string container) =>
        cluster.Calls(Controller(controller))
            .Where(c => c.Command == "lxc-attach" && c.Args.Contains(container))
            .Select(c => c.Args[^1])
            .ToList();

    /// <summary>Path -> content of every file written into the container (decoded from the write commands).</summary>
    public IReadOnlyDictionary<string, string> WrittenFiles(int controller, string container)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var command in InContainer(controller, container))
        {
            var m = WritePattern().Match(command);
            if (m.Success)
            {
                files[m.Groups["path"].Value] = Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups["b64"].Value));
            }
        }
        return files;
    }

    /// <summary>The mode and owner a written file got ("0640 root:glance").</summary>
    public string? WrittenSpec(int controller, string container, string path)
    {
        foreach (var command in InContainer(controller, container))
        {
            var m = WritePattern().Match(command);
            if (m.Success && m.Groups["path"].Value == path)
            {
                return $"{m.Groups["mode"].Value} {m.Groups["owner"].Value}";
            }
        }
        return null;
    }

    public void SetOpenstackOutput(string? output)
    {
        if (output is null)
        {
            File.Delete(cluster.InRoot(Controller1, "/etc/osinstall-sim/output/openstack"));
        }
        else
        {
            cluster.SetOutput(Controller1, "openstack", output);
        }
    }

    public void Dispose() => logs.Dispose();

    private ComponentRunner Runner(ITargetProvider provider) =>
        // Force, as `component install` does: every step runs again whatever the journal says.
        new(Config, Secrets, ComponentCatalog.Templates, provider, journal, new RunOptions { LogDir = logs.Path, Force = true });

    [GeneratedRegex(@"^(user|role|service|endpoint|project) (create|add) ")]
    private static partial Regex CreatePattern();

    [GeneratedRegex(@"printf %s '?(?<b64>[A-Za-z0-9+/=]*)'? \| base64 -d > '?(?<path>[^' ]+)\.osinstall-tmp'? && chmod '?(?<mode>[0-7]+)'? \S+ && chown '?(?<owner>[^' ]+)'?")]
    private static partial Regex WritePattern();
}
