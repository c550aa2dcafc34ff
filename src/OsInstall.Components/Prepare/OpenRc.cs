using OsInstall.Common.Shell;

namespace OsInstall.Components.Prepare;

/// <summary>
/// Check-then-act OpenRC commands. A service is in a runlevel when /etc/runlevels/&lt;runlevel&gt;/&lt;service&gt;
/// exists (that link is what rc-update manages); it runs when `rc-service status` says so.
/// </summary>
internal static class OpenRc
{
    public const string DefaultRunlevel = "default";

    public static string EnableCommand(string service, string runlevel = DefaultRunlevel) =>
        $"[ -L {Sh.Quote(RunlevelLink(service, runlevel))} ] || {Sh.Join("rc-update", "add", service, runlevel)}";

    public static string DisableCommand(string service, string runlevel = DefaultRunlevel) =>
        $"if [ -L {Sh.Quote(RunlevelLink(service, runlevel))} ]; then {Sh.Join("rc-update", "del", service, runlevel)}; fi";

    public static string StartCommand(string service) =>
        $"{Status(service)} || {Sh.Join("rc-service", service, "start")}";

    public static string RestartCommand(string service) => Sh.Join("rc-service", service, "restart");

    public static string StopCommand(string service) =>
        $"if {Status(service)}; then {Sh.Join("rc-service", service, "stop")}; fi";

    private static string Status(string service) => $"{Sh.Join("rc-service", service, "status")} >/dev/null 2>&1";

    private static string RunlevelLink(string service, string runlevel) => $"/etc/runlevels/{runlevel}/{service}";
}
