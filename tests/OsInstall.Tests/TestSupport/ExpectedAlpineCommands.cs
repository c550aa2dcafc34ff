namespace OsInstall.Tests.TestSupport;

/// <summary>
/// The exact text of the shared apk/OpenRC commands (OsInstall.Common.Alpine), written out here
/// rather than asked of the helpers, so that a plan test fails when the commands change.
/// </summary>
internal static class ExpectedAlpineCommands
{
    public static string ApkAdd(string packages) =>
        $"{{ have=\" $(apk info -e {packages} 2>/dev/null | tr '\\n' ' ')\"; set --; for p in {packages}; do case $have in *\" $p \"*) ;; *) set -- \"$@\" \"$p\" ;; esac; done; [ \"$#\" -eq 0 ] || apk add \"$@\"; }}";

    public static string ApkDel(string packages) =>
        $"{{ have=\" $(apk info -e {packages} 2>/dev/null | tr '\\n' ' ')\"; set --; for p in {packages}; do case $have in *\" $p \"*) set -- \"$@\" \"$p\" ;; esac; done; if [ \"$#\" -gt 0 ]; then apk del \"$@\"; fi; }}";

    public static string EnableAndStart(string service, string runlevel = "default") =>
        $"[ -L /etc/runlevels/{runlevel}/{service} ] || rc-update add {service} {runlevel} && rc-service --ifnotstarted {service} start";

    public static string EnableAndRestart(string service, string runlevel = "default") =>
        $"[ -L /etc/runlevels/{runlevel}/{service} ] || rc-update add {service} {runlevel} && rc-service {service} restart";

    public static string StopAndDisable(string service, string runlevel = "default") =>
        $"rc-service --ifstarted {service} stop && if [ -L /etc/runlevels/{runlevel}/{service} ]; then rc-update del {service} {runlevel}; fi";
}
