using System.Text;
using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Common.Journal;
using OsInstall.Common.Secrets;
using OsInstall.Components;
using OsInstall.Components.Keystone;
using OsInstall.Components.Rsyslog;
using OsInstall.Tests.Containers;
using OsInstall.Tests.Simulation;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.OpenStack;

/// <summary>
/// The keystone component through the real runner on the simulated cluster, with its database
/// engine faked (<see cref="FakeDatabaseEngine"/>: the postgres engine is another branch) and the
/// container network faked as in the container tests. Inside the containers nothing runs (lxc-attach
/// is a recording stand-in); on controller-1 the openstack stand-in keeps keystone's objects.
/// Each scenario has its own rbd pool and a fresh openstack state.
/// </summary>
public sealed class KeystoneScenario : IDisposable
{
    private readonly SimulatedCluster cluster;
    private readonly TempDir logs = new("osinstall-keystone-logs");

    public KeystoneScenario(SimulatedCluster cluster, string name)
    {
        this.cluster = cluster;
        Config = cluster.CreateConfig();
        Config.Ceph.RbdPool = $"pool-keystone-{name}";
        Platform = new ContainerPlatform(Network, (ctx, container) => RsyslogConfigs.RenderForwarder(ctx, container));
        Component = new KeystoneInstaller(_ => Engine, _ => Platform);
        var state = cluster.InRoot(Controller(1), "/var/lib/osinstall-sim/openstack");
        if (Directory.Exists(state))
        {
            Directory.Delete(state, recursive: true);
        }
        cluster.ClearCalls();
    }

    public ClusterConfig Config { get; }
    public SecretStore Secrets { get; } = OpenStackTestSecrets.Create();
    public FakeDatabaseEngine Engine { get; } = new();
    public FakeContainerNetwork Network { get; } = new();
    public ContainerPlatform Platform { get; }
    public KeystoneInstaller Component { get; }

    /// <summary>Every command line sent to a host (containers' ones inside their lxc-attach), for shellcheck.</summary>
    public List<string> Commands { get; } = [];

    public string Controller(int i) => Config.Controllers[i - 1].Name;

    public string InstallLog => Path.Combine(logs.Path, "keystone", "keystone-install.log");

    /// <summary>Forgets the calls so far first, so <see cref="Calls"/> shows this run's alone.</summary>
    public Task InstallAsync() => RunAsync(uninstall: false);

    public Task UninstallAsync() => RunAsync(uninstall: true);

    public async Task<HealthReport> VerifyAsync()
    {
        await using var provider = cluster.CreateProvider(config: Config);
        var ctx = new ComponentContext(Config, Secrets, ComponentCatalog.Templates,
            (host, ct) => provider.GetAsync(host, ct), (_, _, _) => Task.CompletedTask, Serilog.Core.Logger.None, dryRun: false);
        return await Component.VerifyAsync(ctx, CancellationToken.None);
    }

    /// <summary>A command on controller-1 outside osinstall (what an operator would do by hand).</summary>
    public async Task RunOnFirstAsync(string command)
    {
        await using var provider = cluster.CreateProvider(config: Config);
        var host = await provider.GetAsync(Controller(1));
        await Common.Targets.TargetExtensions.RunCheckedAsync(host, command);
    }

    public IReadOnlyList<SimulatedCall> Calls(int controller) => cluster.Calls(Controller(controller));

    /// <summary>The openstack calls on controller-1, as "verb-words args" (e.g. "project create --domain default ...").</summary>
    public IReadOnlyList<string> Openstack() => Calls(1).Where(c => c.Command == "openstack").Select(c => c.ArgLine).ToList();

    /// <summary>Commands run inside <paramref name="container"/> (the sh -c argument of its lxc-attach calls).</summary>
    public IReadOnlyList<string> InContainer(int controller, string container) =>
        Calls(controller).Where(c => c.Command == "lxc-attach" && c.Args.Count > 1 && c.Args[1] == container).Select(c => c.Args[^1]).ToList();

    public string Log() => File.Exists(InstallLog) ? File.ReadAllText(InstallLog, Encoding.UTF8) : "";

    private async Task RunAsync(bool uninstall)
    {
        cluster.ClearCalls();
        await using var provider = new RecordingTargetProvider(cluster.CreateProvider(config: Config), Commands);
        var runner = new ComponentRunner(Config, Secrets, ComponentCatalog.Templates, provider, InstallJournal.InMemory(),
            new RunOptions { LogDir = logs.Path, Force = true, VerifyAfterInstall = true });
        await (uninstall
            ? runner.UninstallAsync([Component], CancellationToken.None)
            : runner.InstallAsync([Component], CancellationToken.None));
    }

    public void Dispose() => logs.Dispose();
}
