using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Components.Prepare;

/// <summary>/root/admin-openrc and /root/user-openrc; 0600 because they hold passwords.</summary>
internal static class OpenRcFiles
{
    /// <summary>Keystone's public endpoint: haproxy's VIP (no DNS needed), port 5000, as the original's OS_AUTH_URL.</summary>
    public static string AuthUrl(ComponentContext ctx) => $"http://{ctx.Config.Vips.Haproxy}:5000/v3";

    public static string RenderAdmin(ComponentContext ctx) =>
        ctx.Render(PrepareTemplates.AdminOpenrc, new
        {
            Password = Sh.Quote(PrepareSecrets.Get(ctx, PrepareSecrets.AdminPassword)),
            AuthUrl = Sh.Quote(AuthUrl(ctx)),
            Region = Sh.Quote(ctx.Config.Cluster.Region),
        });

    public static string RenderUser(ComponentContext ctx) =>
        ctx.Render(PrepareTemplates.UserOpenrc, new
        {
            Project = Sh.Quote(ctx.Config.Openstack.DemoProject),
            User = Sh.Quote(ctx.Config.Openstack.DemoUser),
            Password = Sh.Quote(PrepareSecrets.Get(ctx, PrepareSecrets.DemoPassword)),
            AuthUrl = Sh.Quote(AuthUrl(ctx)),
            Region = Sh.Quote(ctx.Config.Cluster.Region),
        });

    public static async Task InstallAsync(StepContext step)
    {
        await step.Write(PreparePaths.AdminOpenrc, RenderAdmin(step.Component), FileSpec.Secret);
        await step.Write(PreparePaths.UserOpenrc, RenderUser(step.Component), FileSpec.Secret);
    }

    public static Task UninstallAsync(StepContext step) =>
        step.Run(Sh.Join("rm", "-f", PreparePaths.AdminOpenrc, PreparePaths.UserOpenrc));
}
