using OsInstall.Common.Alpine;
using OsInstall.Common.Engine;
using OsInstall.Common.Shell;

namespace OsInstall.Components.Prepare;

/// <summary>Repositories, an up-to-date system, the base tools, and bash where the original's scripts expect it.</summary>
internal static class ApkBase
{
    /// <summary>
    /// The whole repositories file from the template rather than uncommenting a line as the original
    /// does: every controller gets the same file, and the release and mirror come from config.
    /// </summary>
    public static string RenderRepositories(ComponentContext ctx) =>
        ctx.Render(PrepareTemplates.Repositories, new { Mirror = ctx.Config.Versions.AlpineMirror.TrimEnd('/') });

    public static async Task InstallAsync(StepContext step)
    {
        await step.Write(PreparePaths.ApkRepositories, RenderRepositories(step.Component));
        await step.Run(Sh.Join("apk", "update"));
        await step.Run(Sh.Join("apk", "upgrade"));
        await step.Run(Apk.Add(PreparePackages.Base));
        await step.Run($"[ -e {Sh.Quote(PreparePaths.BashLink)} ] || {Sh.Join("ln", "-s", PreparePaths.Bash, PreparePaths.BashLink)}");
    }

    public static Task UninstallAsync(StepContext step) => step.Run(Apk.Del(PreparePackages.BaseRemoved));
}
