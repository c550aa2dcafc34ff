using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Common.Journal;
using OsInstall.Common.Ovn;
using OsInstall.Common.Secrets;
using OsInstall.Common.Targets;
using OsInstall.Components;
using OsInstall.Components.Rsyslog;
using OsInstall.Tests.Simulation;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Containers;

/// <summary>
/// One container set on the simulated cluster, in a pool of its own (the rbd stand-in keeps state
/// per pool), so scenarios do not see each other's images. Calls are read back without rbd's
/// fixed connection options, which <see cref="RbdCli"/> adds to every call.
/// </summary>
public sealed class ContainerScenario : IDisposable
{
    private readonly SimulatedCluster cluster;
    private readonly TempDir logs = new("osinstall-containers-logs");

    /// <param name="network">The container network; default a <see cref="FakeContainerNetwork"/>.</param>
    public ContainerScenario(SimulatedCluster cluster, string setName, IContainerNetwork? network = null)
    {
        this.cluster = cluster;
        SetName = setName;
        Config = cluster.CreateConfig();
        Config.Ceph.RbdPool = $"pool-{setName}";
        Platform = new ContainerPlatform(network ?? Network, (ctx, name) => RsyslogConfigs.RenderForwarder(ctx, name));
        cluster.ClearCalls();
    }

    public string SetName { get; }
    public ClusterConfig Config { get; }
    public FakeContainerNetwork Network { get; } = new();
    public ContainerPlatform Platform { get; }
    public List<string> Provisioned { get; } = [];

    /// <summary>Every command line sent to a host, for shellcheck.</summary>
    public List<string> Commands { get; } = [];

    public string Controller(int i) => Config.Controllers[i - 1].Name;

    public async Task InstallAsync(int parallel = 8)
    {
        await using var provider = new RecordingTargetProvider(cluster.CreateProvider(), Commands);
        await Runner(provider, parallel).InstallAsync([Component()], CancellationToken.None);
    }

    public async Task UninstallAsync()
    {
        await using var provider = new RecordingTargetProvider(cluster.CreateProvider(), Commands);
        await Runner(provider, 8).UninstallAsync([Component()], CancellationToken.None);
    }

    public async Task<T> WithAdminAsync<T>(Func<ContainerAdmin, Task<T>> body)
    {
        await using var provider = new RecordingTargetProvider(cluster.CreateProvider(), Commands);
        return await body(new ContainerAdmin(Config, provider.GetAsync));
    }

    /// <summary>A command on a controller outside the mechanism (what an operator would do by hand).</summary>
    public async Task RunAsync(int controller, string command)
    {
        await using var provider = cluster.CreateProvider();
        var host = await provider.GetAsync(Controller(controller));
        await host.RunCheckedAsync(command);
    }

    /// <summary>The pool's images, as rbd ls answers on controller-1.</summary>
    public async Task<IReadOnlyList<string>> ImagesAsync()
    {
        await using var provider = cluster.CreateProvider();
        var host = await provider.GetAsync(Controller(1));
        return await new RbdCli(Config.Ceph).ListAsync(host, CancellationToken.None);
    }

    /// <summary>Removes one container directly (outside the set's phase order).</summary>
    public async Task RemoveAsync(int controller, string container)
    {
        await using var provider = new RecordingTargetProvider(cluster.CreateProvider(), Commands);
        var host = await provider.GetAsync(Controller(controller));
        await ContainerRemover.RemoveAsync(host, Platform, new RbdCli(Config.Ceph), container, CancellationToken.None);
    }

    /// <summary>The rbd calls a controller made, as "verb args" without -c/-k/--id/-p.</summary>
    public IReadOnlyList<string> Rbd(int controller) =>
        cluster.Calls(Controller(controller)).Where(c => c.Command == "rbd").Select(c => StripConnection(c.Args)).ToList();

    /// <summary>lxc-* calls of a controller that change a container's state, as "lxc-start NAME".</summary>
    public IReadOnlyList<string> LxcChanges(int controller) =>
        cluster.Calls(Controller(controller))
            .Where(c => c.Command is "lxc-start" or "lxc-stop" or "lxc-destroy" or "lxc-create")
            .Select(c => $"{c.Command} {c.Args[1]}").ToList();

    public IReadOnlyList<SimulatedCall> Calls(int controller) => cluster.Calls(Controller(controller));

    public void ClearCalls() => cluster.ClearCalls();

    private string StripConnection(IReadOnlyList<string> args)
    {
        var ceph = Config.Ceph;
        string[] prefix = ["-c", ceph.ConfPath, "-k", ceph.ClientKeyringPath, "--id", ceph.Client, "-p", ceph.RbdPool];
        Assert.Equal(prefix, args.Take(prefix.Length));
        return string.Join(' ', args.Skip(prefix.Length));
    }

    private ContainerSetComponent Component() =>
        new(SetName, Platform, async target =>
        {
            lock (Provisioned)
            {
                Provisioned.Add(target.Name);
            }
            await target.RunCheckedAsync("touch /etc/provisioned");
        });

    private ComponentRunner Runner(ITargetProvider provider, int parallel) =>
        new(Config, new SecretStore(), ComponentCatalog.Templates, provider, InstallJournal.InMemory(),
            new RunOptions { LogDir = logs.Path, Parallel = parallel, VerifyAfterInstall = false, Force = true });

    public void Dispose() => logs.Dispose();
}
