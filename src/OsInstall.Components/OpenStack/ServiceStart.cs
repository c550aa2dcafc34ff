using OsInstall.Common.Alpine;
using OsInstall.Common.Shell;

namespace OsInstall.Components.OpenStack;

/// <summary>
/// Bringing a container's services up with the config on disk, across phases: the config phase
/// leaves <see cref="OpenStackService.RestartMarker"/> when a file changed, the start phase (after
/// db sync and the keys) restarts when the marker is there and only starts stopped services
/// otherwise, then removes it. The marker lives in the container, so a rerun that skips the config
/// step still restarts what an interrupted run left unrestarted.
/// </summary>
public static class ServiceStart
{
    public static string MarkCommand(OpenStackService service) =>
        $"{Sh.Join("mkdir", "-p", "/var/lib/osinstall")} && {Sh.Join("touch", service.RestartMarker)}";

    public static string StartCommand(IReadOnlyList<string> services, OpenStackService service)
    {
        if (services.Count == 0)
        {
            return Sh.Join("rm", "-f", service.RestartMarker);
        }
        var rc = services.Select(s => new OpenRcService(s)).ToList();
        return $"{string.Join(" && ", rc.Select(s => s.Enable))} && " +
               $"if [ -e {Sh.Quote(service.RestartMarker)} ]; then {string.Join(" && ", rc.Select(s => s.Restart))} && {Sh.Join("rm", "-f", service.RestartMarker)}; " +
               $"else {string.Join(" && ", rc.Select(s => s.StartIfStopped))}; fi";
    }
}
