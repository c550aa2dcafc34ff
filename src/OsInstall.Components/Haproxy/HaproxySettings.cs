using OsInstall.Common.Config;

namespace OsInstall.Components.Haproxy;

/// <summary>Where haproxy and its keepalived live inside the haproxy containers, and the fixed values of the set.</summary>
public static class HaproxySettings
{
    public const string ComponentName = "haproxy";
    public const string ServiceName = "haproxy";

    public const string ConfDirectory = "/etc/haproxy";
    public const string ConfPath = ConfDirectory + "/haproxy.cfg";

    /// <summary>A new haproxy.cfg is written here and validated before it replaces <see cref="ConfPath"/>.</summary>
    public const string CandidatePath = ConfDirectory + "/haproxy.cfg.osinstall-new";

    public const string InitScriptPath = "/etc/init.d/haproxy";
    public const string RunDirectory = "/run/haproxy";

    /// <summary>Touched by the init script each time haproxy (re)loads: a config newer than it is not live yet.</summary>
    public const string LoadedMarker = RunDirectory + "/osinstall-loaded";

    public const string CheckScriptPath = "/etc/keepalived/check-haproxy.sh";
    public const string NotifyScriptPath = "/etc/keepalived/notify-haproxy.sh";

    /// <summary>The stats page (read-only) and the monitor URI the keepalived check asks, on every member.</summary>
    public const int StatsPort = 8404;
    public const string MonitorUri = "/osinstall-alive";

    /// <summary>haproxy logs through the container's /dev/log to this facility, as the original.</summary>
    public const string LogFacility = "daemon";

    /// <summary>The original's VRRP router id for the haproxy VIP (postgres has 52).</summary>
    public const int VirtualRouterId = 51;

    /// <summary>keepalived asks haproxy this often; a failed answer costs <see cref="CheckWeight"/> priority.</summary>
    public const int CheckIntervalSeconds = 2;
    public const int CheckWeight = -20;

    public static readonly IReadOnlyList<string> Packages = ["haproxy", "keepalived"];

    /// <summary>The original's priorities: 100 on haproxy-1, 95, 90 (then 5 less for every further member).</summary>
    public static int PriorityOf(int memberIndex) => Math.Max(1, 105 - (5 * memberIndex));

    /// <summary>The facility the rsyslog collectors write to keepalived.log (config rsyslog.facilities), else daemon.</summary>
    public static string KeepalivedFacility(ClusterConfig config) =>
        config.Rsyslog.Facilities.FirstOrDefault(f => string.Equals(f.Value.Trim(), "keepalived.log", StringComparison.Ordinal)).Key?.Trim()
        ?? LogFacility;
}
