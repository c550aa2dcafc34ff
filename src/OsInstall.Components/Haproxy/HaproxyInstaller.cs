using OsInstall.Common.Alpine;
using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;
using OsInstall.Components.Keepalived;

namespace OsInstall.Components.Haproxy;

/// <summary>
/// haproxy + keepalived in the containers haproxy-1..3 (one per controller), as the original's
/// haproxy-install.sh: the VIP (vips.haproxy) is an OVN virtual port with the DNS name "haproxy",
/// held by one member at a time through keepalived; haproxy runs on every member and serves the
/// frontends of every installed component (<see cref="HaproxyFrontends"/>), a read-only stats page,
/// and logs through the container's /dev/log.
/// </summary>
public sealed class HaproxyInstaller : IComponent
{
    internal static readonly OpenRcService Haproxy = new(HaproxySettings.ServiceName);
    internal static readonly OpenRcService KeepalivedService = new(KeepalivedConfig.ServiceName);
    private static readonly FileSpec Script = new("0755", "root", "root");

    public string Name => HaproxySettings.ComponentName;

    public int Order => 80;

    public string Description => "haproxy + keepalived VIP in front of the OpenStack APIs (containers haproxy-1..3)";

    public IReadOnlyList<string> Hosts(ClusterConfig config) => config.Controllers.Select(c => c.Name).ToList();

    public IEnumerable<string> RequiredSecrets(ClusterConfig config) => [KeepalivedConfig.AuthSecret];

    public IEnumerable<Phase> Install(ComponentContext ctx)
    {
        var platform = ContainerPlatforms.For(ctx);
        var members = ContainerSet.Members(ctx.Config, ClusterEndpoints.HaproxySet);
        foreach (var phase in ContainerSet.Phases(ctx, platform, ClusterEndpoints.HaproxySet, ProvisionAsync))
        {
            yield return phase;
        }
        yield return Phase.On("haproxy-vip", members[0].Host, step =>
            platform.Network.AttachVirtualAsync(ClusterEndpoints.HaproxySet, step.Config.Vips.Haproxy, members.Select(m => m.Container).ToList(), step.Cancellation));
        yield return new Phase("configure", members
            .Select(m => new Step($"configure:{m.Container}@{m.Host}", m.Host, step => ConfigureMemberAsync(step, platform, m)))
            .ToList());
    }

    public IEnumerable<Phase> Uninstall(ComponentContext ctx)
    {
        var platform = ContainerPlatforms.For(ctx);
        var first = ContainerSet.Members(ctx.Config, ClusterEndpoints.HaproxySet)[0];
        yield return Phase.On("haproxy-vip-remove", first.Host, step => platform.Network.DetachAsync(ClusterEndpoints.HaproxySet, step.Cancellation));
        foreach (var phase in ContainerSet.UninstallPhases(ctx, platform, ClusterEndpoints.HaproxySet))
        {
            yield return phase;
        }
    }

    public Task<HealthReport> VerifyAsync(ComponentContext ctx, CancellationToken ct) => HaproxyHealth.CheckAsync(ctx, ct);

    // Inside haproxy-1 before its snapshot: every clone gets the packages.
    private static Task ProvisionAsync(ContainerTarget target) => target.RunCheckedAsync(Apk.Add(HaproxySettings.Packages));

    private static async Task ConfigureMemberAsync(StepContext step, ContainerPlatform platform, ContainerMember member)
    {
        var ctx = step.Component;
        var ct = step.Cancellation;
        var target = new ContainerTarget(step.Target, member.Container, platform.Lxc);

        var init = await target.WriteFileAsync(HaproxySettings.InitScriptPath, HaproxyFiles.RenderInitScript(ctx), Script, ct);
        await target.WriteFileAsync(HaproxySettings.CheckScriptPath, HaproxyFiles.RenderCheckScript(ctx), Script, ct);
        await target.WriteFileAsync(HaproxySettings.NotifyScriptPath, HaproxyFiles.RenderNotifyScript(ctx), Script, ct);

        // haproxy first: keepalived's track script asks it.
        var conf = HaproxyFrontends.Render(ctx, HaproxyFrontends.Backends(ctx.Config, ctx.InstalledComponents));
        var confChanged = await HaproxyFrontends.ReplaceValidatedAsync(target, conf, ct);
        await target.RunCheckedAsync(Haproxy.Enable, ct);
        // A new init script is a new command line: only a restart applies it.
        await target.RunCheckedAsync(init ? Haproxy.Restart : HaproxyFrontends.ReloadCommand(confChanged), ct);

        var addresses = await MemberAddressesAsync(ctx, platform, ct);
        await KeepalivedConfig.ApplyAsync(target, ctx, HaproxyKeepalived.InstanceFor(ctx.Config, member, addresses),
            HaproxySettings.KeepalivedFacility(ctx.Config), ct);
    }

    /// <summary>Every member's address on the internal network, from its OVN port.</summary>
    private static async Task<IReadOnlyList<string>> MemberAddressesAsync(ComponentContext ctx, ContainerPlatform platform, CancellationToken ct)
    {
        var result = new List<string>();
        foreach (var m in ContainerSet.Members(ctx.Config, ClusterEndpoints.HaproxySet))
        {
            var address = await platform.Network.AddressOfAsync(m.Container, ct);
            result.Add(address?.Ip ?? throw new InvalidOperationException($"{m.Container} has no address on the internal network: its OVN port is missing"));
        }
        return result;
    }

    /// <summary>The addresses of the keepalived interface, as HaproxyHealth reads them for the VIP.</summary>
    internal static string VipQuery(ClusterConfig config) => Sh.Join("ip", "-4", "addr", "show", "dev", config.Openstack.KeepalivedInterface);
}
