using OsInstall.Common.Engine;
using OsInstall.Common.Shell;

namespace OsInstall.Components.Prepare;

/// <summary>
/// The getty on ttyS0 from Alpine's default inittab: on VMs without a serial port it respawns
/// forever and floods the log. init rereads inittab at boot, hence the reboot marker.
/// </summary>
internal static class SerialConsole
{
    private const string Pattern = "^ttyS0";

    public static async Task RemoveGettyAsync(StepContext step)
    {
        var file = Sh.Quote(PreparePaths.Inittab);
        var present = await step.Target.RunAsync($"grep -q {Sh.Quote(Pattern)} {file}", step.Cancellation);
        if (!present.Succeeded)
        {
            return;
        }
        await RebootMarker.MarkAsync(step, "the ttyS0 getty leaves /etc/inittab");
        await step.Run($"sed -i {Sh.Quote($"/{Pattern}/d")} {file}");
    }
}
