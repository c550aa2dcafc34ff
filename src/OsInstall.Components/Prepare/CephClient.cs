using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Components.Prepare;

/// <summary>ceph.conf and the two keyrings (container-disk client and admin), keys from the secrets file.</summary>
internal static class CephClient
{
    public static string RenderConf(ComponentContext ctx) => ctx.Render(PrepareTemplates.CephConf);

    public static string RenderClientKeyring(ComponentContext ctx) =>
        ctx.Render(PrepareTemplates.CephClientKeyring, new { Key = PrepareSecrets.Get(ctx, PrepareSecrets.CephClientKey) });

    public static string RenderAdminKeyring(ComponentContext ctx) =>
        ctx.Render(PrepareTemplates.CephAdminKeyring, new { Key = PrepareSecrets.Get(ctx, PrepareSecrets.CephAdminKey) });

    public static async Task InstallAsync(StepContext step)
    {
        var ctx = step.Component;
        await step.Write(ctx.Config.Ceph.ConfPath, RenderConf(ctx));
        await step.Write(ctx.Config.Ceph.ClientKeyringPath, RenderClientKeyring(ctx), FileSpec.SecretReadOnly);
        await step.Write(PreparePaths.CephAdminKeyring, RenderAdminKeyring(ctx), FileSpec.SecretReadOnly);
    }

    public static async Task UninstallAsync(StepContext step)
    {
        var ceph = step.Config.Ceph;
        await step.Run(Sh.Join("rm", "-f", ceph.ConfPath, ceph.ClientKeyringPath, PreparePaths.CephAdminKeyring));
        // Other clients' keyrings (glance, cinder) may still be there; the directory goes only when empty.
        await step.Run($"rmdir {Sh.Quote(Path.GetDirectoryName(PreparePaths.CephAdminKeyring)!)} 2>/dev/null || true");
    }
}
