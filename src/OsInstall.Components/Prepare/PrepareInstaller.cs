using OsInstall.Common.Config;
using OsInstall.Common.Engine;

namespace OsInstall.Components.Prepare;

/// <summary>
/// Readies the controllers for everything after it (alpine-pre-install.sh without bind and rsyslog):
/// SSH trust among controllers, packages, names, the route to the containers, kernel settings, LXC on
/// Ceph, the openstack client and rc files; then reboots the controllers that need it, one at a time.
/// </summary>
public sealed class PrepareInstaller : IComponent
{
    public string Name => "prepare";

    public int Order => 10;

    public string Description => "controllers: ssh trust, packages, hosts, static route, sysctl, LXC + Ceph client, openstack client, reboot";

    public IReadOnlyList<string> Hosts(ClusterConfig config) => ControllerSet.All(config);

    public IEnumerable<string> RequiredSecrets(ClusterConfig config) => PrepareSecrets.All;

    public IEnumerable<Phase> Install(ComponentContext ctx)
    {
        var config = ctx.Config;
        var all = ControllerSet.All(config);
        var first = ControllerSet.First(config);
        var others = ControllerSet.Others(config);

        yield return Phase.On("ssh-keypair", first, SshKeyDistribution.EnsureKeyPairAsync);
        if (others.Count > 0)
        {
            yield return Phase.PerHost("ssh-authorize", others, SshKeyDistribution.AuthorizeAsync);
        }
        yield return Phase.PerHost("serial-getty", all, SerialConsole.RemoveGettyAsync);
        yield return Phase.PerHost("apk-base", all, ApkBase.InstallAsync);
        yield return Phase.PerHost("hosts", all, HostsFile.InstallAsync);
        yield return Phase.PerHost("static-route", all, StaticRoute.InstallAsync);
        yield return Phase.PerHost("kernel", all, KernelTuning.InstallAsync);
        yield return Phase.PerHost("lxc", all, LxcHost.InstallAsync);
        yield return Phase.PerHost("network", all, NetworkInterfaces.InstallAsync);
        yield return Phase.PerHost("ceph-client", all, CephClient.InstallAsync);
        yield return Phase.On("openstack-client", first, OpenStackClient.BuildOnFirstAsync);
        if (others.Count > 0)
        {
            yield return Phase.PerHost("openstack-client-copy", others, OpenStackClient.CopyToOtherAsync);
        }
        yield return Phase.PerHost("openrc", all, OpenRcFiles.InstallAsync);
        // One at a time, controller-1 last (as the original): the cluster never loses two controllers at once.
        foreach (var host in others.Append(first))
        {
            yield return Phase.On("reboot", host, ControllerReboot.RebootIfRequiredAsync);
        }
    }

    public IEnumerable<Phase> Uninstall(ComponentContext ctx)
    {
        var all = ControllerSet.All(ctx.Config);
        yield return Phase.PerHost("openrc", all, OpenRcFiles.UninstallAsync);
        yield return Phase.PerHost("openstack-client", all, OpenStackClient.UninstallAsync);
        yield return Phase.PerHost("ceph-client", all, CephClient.UninstallAsync);
        yield return Phase.PerHost("lxc", all, LxcHost.UninstallAsync);
        yield return Phase.PerHost("kernel", all, KernelTuning.UninstallAsync);
        yield return Phase.PerHost("static-route", all, StaticRoute.UninstallAsync);
        yield return Phase.PerHost("apk-base", all, ApkBase.UninstallAsync);
    }

    public Task<HealthReport> VerifyAsync(ComponentContext ctx, CancellationToken ct) => PrepareHealthCheck.RunAsync(ctx, ct);
}
