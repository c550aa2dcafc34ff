using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Components.Prepare;

/// <summary>
/// Reboots a controller whose reboot marker is set (the original reboots every controller every
/// time), waits until it answers SSH again, then clears the marker: a rerun finds no marker and
/// does not reboot. osinstall never reboots the machine it runs on.
/// </summary>
internal static class ControllerReboot
{
    /// <summary>Physical servers spend minutes in firmware before the kernel even starts.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    public static async Task RebootIfRequiredAsync(StepContext step)
    {
        var host = step.Target.Name;
        var log = step.Component.Log;
        if (!await RebootMarker.IsPendingAsync(step.Target, step.Cancellation))
        {
            log.Information("[{Host}] no reboot required", host);
            return;
        }
        if (ControllerSet.IsFirst(step.Config, host) && step.Config.Ssh.LocalFirstController)
        {
            // The marker stays: the advice repeats on every run until someone reboots this host.
            log.Warning("[{Host}] settings were applied live; osinstall runs on this controller and does not reboot it: a reboot is advisable ({Marker})",
                host, PreparePaths.RebootMarker);
            return;
        }

        log.Information("[{Host}] rebooting", host);
        var command = Sh.Join("reboot");
        try
        {
            var result = await step.Target.RunAsync(command, step.Cancellation);
            // A session cut by the going-down host ends without a real exit status (negative, or ssh's 255):
            // that is the reboot happening. Any other failure means no reboot is coming.
            if (result.ExitCode is > 0 and < 255)
            {
                throw new CommandFailedException(host, command, result);
            }
        }
        catch (HostUnreachableException)
        {
            // Same as above, reported by the target layer as a lost connection.
        }
        await step.Component.WaitForHostAsync(host, Timeout, step.Cancellation);
        var fresh = await step.Component.TargetAsync(host, step.Cancellation);
        await fresh.RunCheckedAsync(RebootMarker.ClearCommand, step.Cancellation);
        log.Information("[{Host}] answers again after the reboot", host);
    }
}
