using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Components.Prepare;

/// <summary>
/// Remembers on the host itself (not in osinstall's memory: a rerun may skip the step that made the
/// change) that a change only a reboot applies is pending. The marker holds the kernel's boot id of
/// when it was set, so a reboot by anyone else (an operator rebooting controller-1) settles it too.
/// </summary>
internal static class RebootMarker
{
    private const string BootIdFile = "/proc/sys/kernel/random/boot_id";

    /// <summary>Where /proc is missing (a chroot), the marker is empty and counts as pending until cleared.</summary>
    public static string MarkCommand =>
        $"mkdir -p {Sh.Quote(Path.GetDirectoryName(PreparePaths.RebootMarker)!)} && " +
        $"{{ cat {BootIdFile} 2>/dev/null || true; }} > {Sh.Quote(PreparePaths.RebootMarker)}";

    public static string ClearCommand => Sh.Join("rm", "-f", PreparePaths.RebootMarker);

    public static string BootIdCommand => $"cat {BootIdFile} 2>/dev/null || true";

    public static async Task MarkAsync(StepContext step, string reason)
    {
        step.Component.Log.Information("[{Host}] {Reason}: a reboot is required", step.Target.Name, reason);
        await step.Run(MarkCommand);
    }

    /// <summary>
    /// Writes a file whose change only a reboot applies. The marker goes first: were the run cut off
    /// between the two, a rerun would find the file already right and never learn a reboot is due.
    /// </summary>
    public static async Task<bool> WriteAsync(StepContext step, string path, string content)
    {
        if (await step.Target.ReadFileAsync(path, step.Cancellation) == content)
        {
            return await step.Write(path, content);
        }
        await MarkAsync(step, $"{path} changes");
        return await step.Write(path, content);
    }

    /// <summary>True when the marker is set and the host has not booted since; a stale marker is removed.</summary>
    public static async Task<bool> IsPendingAsync(ITarget target, CancellationToken ct)
    {
        var marker = (await target.ReadFileAsync(PreparePaths.RebootMarker, ct))?.Trim();
        if (marker is null)
        {
            return false;
        }
        var bootId = (await target.RunCheckedAsync(BootIdCommand, ct)).StdOut.Trim();
        if (marker.Length == 0 || bootId.Length == 0 || marker == bootId)
        {
            return true;
        }
        await target.RunCheckedAsync(ClearCommand, ct);
        return false;
    }
}
