using OsInstall.Common.Engine;
using OsInstall.Common.Shell;

namespace OsInstall.Components.Prepare;

/// <summary>
/// Remembers on the host itself (not in osinstall's memory: a rerun may skip the step that made the
/// change) that a change only a reboot applies is pending.
/// </summary>
internal static class RebootMarker
{
    public static string MarkCommand =>
        $"mkdir -p {Sh.Quote(Path.GetDirectoryName(PreparePaths.RebootMarker)!)} && touch {Sh.Quote(PreparePaths.RebootMarker)}";

    public static string ClearCommand => Sh.Join("rm", "-f", PreparePaths.RebootMarker);

    public static async Task MarkAsync(StepContext step, string reason)
    {
        step.Component.Log.Information("[{Host}] {Reason}: a reboot is required", step.Target.Name, reason);
        await step.Run(MarkCommand);
    }
}
