using OsInstall.Common.Alpine;
using OsInstall.Common.Engine;
using OsInstall.Common.Shell;

namespace OsInstall.Components.Prepare;

/// <summary>
/// The route to the containers' internal network through the OVN compute router, kept by Alpine's
/// staticroute service from /etc/route.conf.
/// </summary>
internal static class StaticRoute
{
    private static readonly OpenRcService Service = new("staticroute");

    public static string Render(ComponentContext ctx)
    {
        var net = Ipv4Network.Parse(ctx.Config.Networks.Internal.Cidr);
        return ctx.Render(PrepareTemplates.RouteConf, new { InternalNetwork = net.Network, InternalNetmask = net.Netmask });
    }

    public static async Task InstallAsync(StepContext step)
    {
        var changed = await step.Write(PreparePaths.RouteConf, Render(step.Component));
        // A running staticroute keeps the old route until it is restarted with the new file.
        await step.Run(Service.EnableAndRun(configChanged: changed));
    }

    public static async Task UninstallAsync(StepContext step)
    {
        // Stopping removes the routes route.conf lists, so it goes before the file.
        await step.Run(Service.StopAndDisable);
        await step.Run(Sh.Join("rm", "-f", PreparePaths.RouteConf));
        var cidr = Sh.Quote(step.Config.Networks.Internal.Cidr);
        await step.Run($"if [ -n \"$(ip route show {cidr} 2>/dev/null)\" ]; then ip route del {cidr}; fi");
    }
}
