using OsInstall.Common.Engine;
using OsInstall.Common.Shell;

namespace OsInstall.Components.Prepare;

/// <summary>sysctl and limits for many containers, and the tun module OVS needs.</summary>
internal static class KernelTuning
{
    private const string TunModule = "tun";

    public static string RenderSysctl(ComponentContext ctx) => ctx.Render(PrepareTemplates.Sysctl);

    public static string RenderLimits(ComponentContext ctx) => ctx.Render(PrepareTemplates.Limits);

    public static async Task InstallAsync(StepContext step)
    {
        if (await RebootMarker.WriteAsync(step, PreparePaths.Sysctl, RenderSysctl(step.Component)))
        {
            await ApplySysctlAsync(step);
        }
        await step.Write(PreparePaths.Limits, RenderLimits(step.Component));

        var listed = await step.Target.RunAsync($"grep -qx {TunModule} {Sh.Quote(PreparePaths.Modules)}", step.Cancellation);
        if (!listed.Succeeded)
        {
            await RebootMarker.MarkAsync(step, $"{TunModule} goes into {PreparePaths.Modules}");
            await step.Run(LineFile.AppendIfMissingCommand(PreparePaths.Modules, TunModule));
        }
        // A built-in tun is absent from /proc/modules; modprobe then succeeds without doing anything.
        await step.Run($"grep -q {Sh.Quote($"^{TunModule} ")} /proc/modules 2>/dev/null || {Sh.Join("modprobe", TunModule)}");
    }

    public static Task UninstallAsync(StepContext step) =>
        step.Run(Sh.Join("rm", "-f", PreparePaths.Sysctl, PreparePaths.Limits));

    /// <summary>
    /// Live, so that nothing waits for the reboot. A key this kernel lacks (bpf_jit_limit on some builds)
    /// makes sysctl exit non-zero although it set the others: warn, do not fail; boot applies the file again.
    /// </summary>
    private static async Task ApplySysctlAsync(StepContext step)
    {
        var result = await step.Target.RunAsync(Sh.Join("sysctl", "-p", PreparePaths.Sysctl), step.Cancellation);
        if (!result.Succeeded)
        {
            step.Component.Log.Warning("[{Host}] sysctl -p {File} exited {Exit}: {Error}; the file is applied again at boot",
                step.Target.Name, PreparePaths.Sysctl, result.ExitCode, result.StdErr.Trim());
        }
    }
}
