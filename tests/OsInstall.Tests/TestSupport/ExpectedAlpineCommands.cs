namespace OsInstall.Tests.TestSupport;

/// <summary>
/// The exact text of the shared apk/OpenRC commands (OsInstall.Common.Alpine), written out here
/// rather than asked of the helpers, so that a plan test fails when the commands change.
/// </summary>
internal static class ExpectedAlpineCommands
{
    public static string ApkAdd(string packages) =>
        $"{{ set --; for p in {packages}; do apk info -e \"$p\" >/dev/null 2>&1 || set -- \"$@\" \"$p\"; done; [ \"$#\" -eq 0 ] || apk add \"$@\"; }}";

    public static string ApkDel(string packages) =>
        $"{{ set --; for p in {packages}; do if apk info -e \"$p\" >/dev/null 2>&1; then set -- \"$@\" \"$p\"; fi; done; if [ \"$#\" -gt 0 ]; then apk del \"$@\"; fi; }}";

    public static string EnableAndStart(string service, string runlevel = "default") =>
        $"[ -L /etc/runlevels/{runlevel}/{service} ] || rc-update add {service} {runlevel} && rc-service --ifnotstarted {service} start";

    public static string EnableAndRestart(string service, string runlevel = "default") =>
        $"[ -L /etc/runlevels/{runlevel}/{service} ] || rc-update add {service} {runlevel} && rc-service {service} restart";

    public static string StopAndDisable(string service, string runlevel = "default") =>
        $"rc-service --ifstarted {service} stop && if [ -L /etc/runlevels/{runlevel}/{service} ]; then rc-update del {service} {runlevel}; fi";
}
