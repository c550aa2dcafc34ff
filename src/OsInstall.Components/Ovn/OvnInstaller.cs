using OsInstall.Common.Alpine;
using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Ovn;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Components.Ovn;

/// <summary>
/// Open vSwitch and OVN on the controllers: built from the configured git refs, OpenRC services,
/// the northbound and southbound databases as 3-member raft clusters (controller-1 creates them,
/// the others join), ovn-northd everywhere (raft makes one of them active), every controller a
/// chassis (geneve, bridge mappings to the provider and compute networks), and the logical
/// topology written once from controller-1.
/// </summary>
public sealed class OvnInstaller : IComponent
{
    private readonly Func<ClusterConfig, OvnSettings> settingsFor;

    public OvnInstaller() : this(null)
    {
    }

    /// <param name="settings">Connections, commands and paths (tests aim them at a local ovsdb-server); default from the config.</param>
    public OvnInstaller(Func<ClusterConfig, OvnSettings>? settings)
    {
        settingsFor = settings ?? OvnSettings.FromConfig;
    }

    public string Name => "ovn";

    public int Order => 40;

    public string Description => "Open vSwitch and OVN: raft NB/SB databases, northd, a chassis per controller, the logical network";

    public IReadOnlyList<string> Hosts(ClusterConfig config) => config.Controllers.Select(c => c.Name).ToList();

    public IEnumerable<Phase> Install(ComponentContext ctx)
    {
        var settings = settingsFor(ctx.Config);
        var hosts = Hosts(ctx.Config);
        var first = ctx.Config.FirstController.Name;
        yield return Phase.PerHost("build-dependencies", hosts, s => s.Run(Apk.Add(OvnBuild.Packages)));
        yield return Phase.PerHost("build-ovs", hosts, s => OvnBuild.BuildAsync(s, settings, "ovs"));
        yield return Phase.PerHost("build-ovn", hosts, s => OvnBuild.BuildAsync(s, settings, "ovn"));
        yield return Phase.PerHost("service-files", hosts, s => WriteServicesAsync(s, settings));
        yield return Phase.PerHost("open-vswitch", hosts, s => OpenVswitchAsync(s, settings));
        yield return Phase.On("create-raft-cluster", first, s => OvnRaft.CreateAsync(s, settings));
        var others = hosts.Skip(1).ToList();
        if (others.Count > 0)
        {
            yield return Phase.PerHost("join-raft-cluster", others, s => OvnRaft.JoinAsync(s, settings));
        }
        yield return Phase.PerHost("northd", hosts, s => s.Run(new OpenRcService(OvnServices.Northd).StartIfStopped));
        yield return Phase.PerHost("chassis", hosts, s => ChassisAsync(s, settings));
        yield return Phase.On("topology", first, s => OvnTopology.ApplyAsync(Northbound(s.Target, settings), s.Config, settings, s.Component.DryRun, s.Cancellation));
    }

    public IEnumerable<Phase> Uninstall(ComponentContext ctx)
    {
        var settings = settingsFor(ctx.Config);
        var hosts = Hosts(ctx.Config);
        yield return Phase.On("topology", ctx.Config.FirstController.Name, s => RemoveTopologyAsync(s, settings));
        yield return Phase.PerHost("stop-services", hosts, StopServicesAsync);
        yield return Phase.PerHost("remove-files", hosts, s => RemoveFilesAsync(s, settings));
    }

    public Task<HealthReport> VerifyAsync(ComponentContext ctx, CancellationToken ct) =>
        OvnHealth.CheckAsync(ctx, settingsFor(ctx.Config), ct);

    internal static OvnNorthbound Northbound(ITarget target, OvnSettings settings) => new(target, settings.NbConnection, settings.Nbctl);

    private static Task WriteServicesAsync(StepContext s, OvnSettings settings) =>
        OvnChassisSetup.WriteServicesAsync(s, settings, Address(s), OvnServices.StartOrder);

    private static Task OpenVswitchAsync(StepContext s, OvnSettings settings) => OvnChassisSetup.OpenVswitchAsync(s, settings);

    /// <summary>This controller as a chassis, bridged to the provider and compute networks.</summary>
    private static Task ChassisAsync(StepContext s, OvnSettings settings)
    {
        var config = s.Config;
        var net = config.Networks;
        return OvnChassisSetup.JoinAsync(s, settings, OvnChassis.NameOf(config, s.Target.Name), Address(s),
        [
            (OvnTopologyNames.ProviderPhysicalNetwork, net.Provider.Bridge, net.Provider.Interface),
            (OvnTopologyNames.ComputePhysicalNetwork, net.Compute.Bridge, net.Compute.OvsBridgingInterface),
        ]);
    }

    private static string Address(StepContext s) => s.Config.Controllers.First(c => c.Name == s.Target.Name).Address;

    /// <summary>Only while the northbound server runs here: once it is stopped, its database file goes with the files.</summary>
    private static async Task RemoveTopologyAsync(StepContext s, OvnSettings settings)
    {
        var running = await s.Target.RunAsync(Sh.Join("rc-service", OvnServices.NbServer, "status"), s.Cancellation).ConfigureAwait(false);
        if (running.Succeeded)
        {
            await OvnTopology.RemoveAsync(Northbound(s.Target, settings), s.Config, s.Cancellation).ConfigureAwait(false);
        }
    }

    private static Task StopServicesAsync(StepContext s) => OvnChassisSetup.StopAsync(s, OvnServices.StartOrder);

    private static Task RemoveFilesAsync(StepContext s, OvnSettings settings) =>
        OvnChassisSetup.RemoveFilesAsync(s, settings, OvnServices.StartOrder);
}
