using OsInstall.Common.Alpine;
using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Components.Prepare;

/// <summary>LXC with its hooks: root disks mapped from Ceph, container veths plugged into OVN; udev and cgroups running.</summary>
internal static class LxcHost
{
    /// <summary>OVN's integration bridge, where ovn-controller binds logical ports.</summary>
    public const string IntegrationBridge = "br-int";

    private static readonly OpenRcService[] Services = [new("udev"), new("cgroups")];

    public static string RenderRbdHook(ComponentContext ctx, string resource)
    {
        var ceph = ctx.Config.Ceph;
        return ctx.Render(resource, new
        {
            CephConf = Sh.Quote(ceph.ConfPath),
            Keyring = Sh.Quote(ceph.ClientKeyringPath),
            Pool = Sh.Quote(ceph.RbdPool),
            Client = Sh.Quote(ceph.Client),
        });
    }

    public static string RenderOvsHook(ComponentContext ctx) =>
        ctx.Render(PrepareTemplates.OvsHook, new { Bridge = Sh.Quote(IntegrationBridge) });

    public static string RenderCommonConf(ComponentContext ctx) =>
        ctx.Render(PrepareTemplates.LxcCommonConf, new { MapHook = PreparePaths.RbdMapHook, UnmapHook = PreparePaths.RbdUnmapHook });

    public static async Task InstallAsync(StepContext step)
    {
        var ctx = step.Component;
        await step.Run(Apk.Add(PreparePackages.LxcAndCeph));
        await step.Write(PreparePaths.RbdMapHook, RenderRbdHook(ctx, PrepareTemplates.RbdMapHook), FileSpec.Executable);
        await step.Write(PreparePaths.RbdUnmapHook, RenderRbdHook(ctx, PrepareTemplates.RbdUnmapHook), FileSpec.Executable);
        await step.Write(PreparePaths.OvsHook, RenderOvsHook(ctx), FileSpec.Executable);
        await step.Write(PreparePaths.LxcCommonConf, RenderCommonConf(ctx));
        foreach (var service in Services)
        {
            await step.Run(service.EnableAndRun(configChanged: false));
        }
    }

    public static async Task UninstallAsync(StepContext step)
    {
        foreach (var service in Services)
        {
            await step.Run(service.StopAndDisable);
        }
        await step.Run(Apk.Del(PreparePackages.LxcAndCephRemoved));
        // /var/lib/lxc holds containers (other components' data): removed only when they left it empty.
        await step.Run($"{Sh.Join("rm", "-rf", "/usr/share/lxc", "/etc/lxc")} && {{ rmdir /var/lib/lxc 2>/dev/null || true; }}");
    }
}
