using OsInstall.Common.Alpine;
using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Common.Ovn;
using OsInstall.Common.Shell;
using OsInstall.Components.Bind;
using OsInstall.Components.Nova;
using OsInstall.Components.OpenStack;
using OsInstall.Components.Ovn;
using OsInstall.Components.Prepare;

namespace OsInstall.Components.Compute;

/// <summary>
/// The compute nodes (the original's compute-pre-install.sh and compute-install.sh as one
/// component): the python packages of nova, neutron and cinder tarballed once on controller-1,
/// then on every node in parallel and independently of the others a "pre" phase (names, DNS,
/// packages, route, kernel) and an "install" phase (KVM/libvirt, QEMU with rbd, OVS/OVN chassis,
/// nova-compute, the OVN metadata agent, cinder-volume, the Ceph secret), and finally the
/// discovery of the new hosts into cell1 from nova-1, once every node succeeded.
/// <para>
/// Restricted to one node (<c>node add</c>/<c>node remove</c>) it is named <c>compute@NODE</c>:
/// its own journal record and log, so a node's install or removal never touches the cluster's
/// <c>compute</c> record.
/// </para>
/// </summary>
public sealed class ComputeInstaller : IComponent
{
    public const string ComponentName = "compute";

    private readonly string? onlyNode;

    public ComputeInstaller()
    {
    }

    /// <summary>The component restricted to one compute node.</summary>
    public ComputeInstaller(string node)
    {
        onlyNode = node;
    }

    public static string NodeComponentName(string node) => $"{ComponentName}@{node}";

    public string Name => onlyNode is null ? ComponentName : NodeComponentName(onlyNode);

    public int Order => 200;

    public string Description => "compute nodes: packages from the nova/neutron/cinder containers, KVM/libvirt, QEMU with rbd, OVN chassis, nova-compute, metadata agent, cinder-volume";

    public IReadOnlyList<string> Hosts(ClusterConfig config) =>
        onlyNode is null ? config.ComputeNodes.Select(n => n.Name).ToList() : [onlyNode];

    public IEnumerable<string> RequiredSecrets(ClusterConfig config) =>
    [
        "rabbitmq_password", "nova_password", "neutron_password", "placement_password", "cinder_password",
        "metadata_proxy_secret", "cinder_db_password", LibvirtSecret.KeySecret,
    ];

    public IEnumerable<Phase> Install(ComponentContext ctx)
    {
        var nodes = Nodes(ctx.Config);
        if (nodes.Count == 0)
        {
            yield break;
        }
        var first = ctx.Config.FirstController.Name;
        yield return Phase.On("package-tarballs", first, PackageTarballs.BuildOnFirstAsync);
        yield return Phase.PerHostIndependent("pre", nodes, PreAsync);
        yield return Phase.PerHostIndependent("install", nodes, InstallAsync);
        yield return Phase.On("discover-hosts", first, DiscoverHostsAsync);
    }

    public IEnumerable<Phase> Uninstall(ComponentContext ctx)
    {
        var nodes = Nodes(ctx.Config);
        if (nodes.Count > 0)
        {
            yield return Phase.PerHostIndependent("stop", nodes, StopAsync);
            yield return Phase.PerHostIndependent("unregister", nodes, NodeRegistration.UnregisterAsync);
            yield return Phase.PerHostIndependent("remove", nodes, RemoveAsync);
        }
        if (onlyNode is null)
        {
            yield return Phase.On("package-tarballs", ctx.Config.FirstController.Name, PackageTarballs.RemoveFromFirstAsync);
        }
    }

    public async Task<HealthReport> VerifyAsync(ComponentContext ctx, CancellationToken ct)
    {
        // The nodes are checked side by side (each node's services one after the other); the report lists them in config order.
        var perNode = await Task.WhenAll(Nodes(ctx.Config).Select(async node =>
        {
            var checks = new List<HealthCheck>();
            var target = await ctx.TargetAsync(node, ct).ConfigureAwait(false);
            foreach (var service in NodeService.All.Select(s => s.Daemon).Append(OvnServices.Controller).Append("libvirtd"))
            {
                var r = await target.RunAsync(new OpenRcService(service).Status, ct).ConfigureAwait(false);
                checks.Add(new HealthCheck(node, $"{service} running", r.Succeeded, r.Succeeded ? "started" : (r.StdOut + r.StdErr).Trim()));
            }
            return checks;
        })).ConfigureAwait(false);
        return HealthReport.From(perNode.SelectMany(c => c));
    }

    private List<string> Nodes(ClusterConfig config)
    {
        if (onlyNode is not null && config.ComputeNodes.All(n => n.Name != onlyNode))
        {
            throw new InvalidOperationException($"{onlyNode} is not a compute node in the config");
        }
        return Hosts(config).ToList();
    }

    /// <summary>compute-pre-install.sh: what the node needs before any OpenStack part.</summary>
    private static async Task PreAsync(StepContext s)
    {
        var node = s.Config.ComputeNodes.First(n => n.Name == s.Target.Name);
        await SshKeyDistribution.AuthorizeAsync(s);
        // The name files together (one round trip): resolv.conf before the package manager needs it.
        await s.WriteAll(
            new Common.Targets.FileWrite(ComputePaths.ResolvConf, BindFiles.ResolvConf(s.Component)),
            new Common.Targets.FileWrite(PreparePaths.Hosts, s.Render(PrepareTemplates.Hosts, new { HostName = node.Name, HostAddress = node.Address, HostFqdn = s.Config.Fqdn(node.Name) })));
        await SerialConsole.RemoveGettyAsync(s);
        await ApkBase.InstallAsync(s);
        await StaticRoute.InstallAsync(s);
        await KernelTuning.InstallAsync(s);
        await NodeRegistration.AddDnsAsync(s);
    }

    /// <summary>compute-install.sh: the hypervisor, the chassis and the three OpenStack services.</summary>
    private static async Task InstallAsync(StepContext s)
    {
        var node = s.Config.ComputeNodes.First(n => n.Name == s.Target.Name);
        var ovn = OvnSettings.FromConfig(s.Config);
        await s.Run(Apk.Add([.. ComputePackages.Runtime, .. ComputePackages.QemuBuild, .. OvnBuild.Packages]));
        await PackageTarballs.FetchAsync(s);
        await QemuBuild.BuildAsync(s);
        await ServiceAccounts.EnsureAsync(s);

        await s.WriteAll(
            new Common.Targets.FileWrite(s.Config.Ceph.ConfPath, CephClient.RenderConf(s.Component)),
            new Common.Targets.FileWrite(CinderKeyringPath(s.Config), RenderCinderKeyring(s.Component), new Common.Targets.FileSpec("0640", "cinder", "cinder")));
        await LibvirtSecret.InstallAsync(s);

        await OvnBuild.BuildAsync(s, ovn, "ovs");
        await OvnBuild.BuildAsync(s, ovn, "ovn");
        await OvnChassisSetup.WriteServicesAsync(s, ovn, node.Address, OvnChassisSetup.ChassisServices);
        await OvnChassisSetup.OpenVswitchAsync(s, ovn);
        var net = s.Config.Networks;
        await OvnChassisSetup.JoinAsync(s, ovn, OvnChassis.NameOfComputeNode(s.Config, node.Name), node.Address,
            [(OvnTopologyNames.ProviderPhysicalNetwork, net.Provider.Bridge, net.Provider.Interface)]);

        await NodeConfigs.InstallAsync(s);
    }

    /// <summary>cell1 learns the new nova-compute services (nova-manage in nova-1, as the original's nova install).</summary>
    private static Task DiscoverHostsAsync(StepContext s)
    {
        var lxc = ContainerPlatforms.For(s.Component).Lxc;
        var nova1 = ContainerSet.Members(s.Config, "nova")[0].Container;
        var nova = NovaInstaller.Definition;
        // The venv's tool as the nova account, as the nova component's own cell commands run.
        return s.Run(lxc.AttachCommand(nova1, ServiceAccount.AsService(nova, Sh.Join(nova.Tool("nova-manage"), "cell_v2", "discover_hosts", "--verbose"))));
    }

    private static async Task StopAsync(StepContext s)
    {
        await NodeConfigs.StopAsync(s);
        await LibvirtSecret.RemoveAsync(s);
        await OvnChassisSetup.StopAsync(s, OvnChassisSetup.ChassisServices);
        foreach (var service in new[] { "libvirtd", "dbus" })
        {
            await s.Run(new OpenRcService(service).StopAndDisable);
        }
    }

    /// <summary>compute-uninstall.sh: files, users, builds, packages, the route and the DNS records.</summary>
    private static async Task RemoveAsync(StepContext s)
    {
        var ovn = OvnSettings.FromConfig(s.Config);
        await NodeConfigs.RemoveAsync(s);
        await s.Run(Sh.Join("rm", "-f", CinderKeyringPath(s.Config)));
        await OvnChassisSetup.RemoveFilesAsync(s, ovn, OvnChassisSetup.ChassisServices);
        await QemuBuild.RemoveAsync(s);
        await ServiceAccounts.RemoveAsync(s);
        await s.Run(Apk.Del([.. ComputePackages.Runtime, .. ComputePackages.QemuBuild]));
        await s.Run(Sh.Join("rm", "-rf", ComputePaths.StateDir, ComputePaths.QemuLogDir, "/var/run/ceph/guests", "/var/lib/nova/instances"));
        await StaticRoute.UninstallAsync(s);
        await NodeRegistration.RemoveDnsAsync(s);
    }

    internal static string CinderKeyringPath(ClusterConfig config) => $"/etc/ceph/ceph.client.{config.Ceph.CinderClient}.keyring";

    internal static string RenderCinderKeyring(ComponentContext ctx) =>
        ctx.Render(ComputeTemplates.CinderKeyring, new { Key = ctx.Secrets.Get(LibvirtSecret.KeySecret) });
}
