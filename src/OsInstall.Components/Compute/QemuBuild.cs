using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Components.Compute;

/// <summary>
/// qemu-system-x86_64 with rbd support, built from git on each node (Alpine's has no rbd). Each
/// node builds its own, unlike the original's copy from node 1: the nodes stay independent (a
/// failed node never holds the others back) and the builds run in parallel on their own CPUs.
/// </summary>
internal static class QemuBuild
{
    public static string Script(ComponentContext ctx) => ctx.Render(ComputeTemplates.QemuBuildScript, new
    {
        Repo = Sh.Quote(ctx.Config.Versions.QemuGitRepo),
        Ref = Sh.Quote(ctx.Config.Versions.QemuRef),
        Src = Sh.Quote(ComputePaths.QemuSource),
        Stamp = Sh.Quote(ComputePaths.QemuStamp),
    });

    public static async Task BuildAsync(StepContext s)
    {
        await s.Write(ComputePaths.QemuScript, Script(s.Component), FileSpec.Executable);
        await s.Run(Sh.Join("sh", ComputePaths.QemuScript));
    }

    /// <summary>The sources, script and stamp; the binary goes with the qemu-system-x86_64 package.</summary>
    public static Task RemoveAsync(StepContext s) =>
        s.Run(Sh.Join("rm", "-rf", ComputePaths.QemuSource, ComputePaths.QemuScript, ComputePaths.QemuStamp));
}
