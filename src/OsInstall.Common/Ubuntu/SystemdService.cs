using OsInstall.Common.Shell;

namespace OsInstall.Common.Ubuntu;

/// <summary>
/// A systemd unit and the commands that bring it to a state, the Ubuntu counterpart of
/// <see cref="Alpine.OpenRcService"/>. Each command asks systemctl itself first (is-enabled,
/// is-active), so it is one round trip and a rerun acts on nothing.
/// </summary>
public sealed record SystemdService
{
    public SystemdService(string name)
    {
        // An argument to systemctl: it must not read as an option or a path.
        if (name.Length == 0 || name.StartsWith('-') || name.Contains('/') || name.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"'{name}' is not a unit name", nameof(name));
        }
        Name = name;
    }

    public string Name { get; }

    /// <summary>Exits 0 when the unit runs (for health checks and decisions).</summary>
    public string IsActive => Sh.Join("systemctl", "is-active", "--quiet", Name);

    /// <summary>Exits 0 when the unit starts at boot.</summary>
    public string IsEnabled => Sh.Join("systemctl", "is-enabled", "--quiet", Name);

    /// <summary>Enables the unit unless it is.</summary>
    public string Enable => $"{IsEnabled} || {Sh.Join("systemctl", "enable", Name)}";

    /// <summary>Disables the unit if it is enabled.</summary>
    public string Disable => $"if {IsEnabled}; then {Sh.Join("systemctl", "disable", Name)}; fi";

    public string StartIfStopped => $"{IsActive} || {Sh.Join("systemctl", "start", Name)}";

    public string StopIfStarted => $"if {IsActive}; then {Sh.Join("systemctl", "stop", Name)}; fi";

    /// <summary>Restarts a running unit, starts a stopped one (systemctl restart does both).</summary>
    public string Restart => Sh.Join("systemctl", "restart", Name);

    /// <summary>Running with the configuration on disk: restarted when it changed, else started only if stopped.</summary>
    public string Run(bool configChanged) => configChanged ? Restart : StartIfStopped;

    /// <summary>Enabled and running with the configuration on disk.</summary>
    public string EnableAndRun(bool configChanged) => $"{{ {Enable}; }} && {{ {Run(configChanged)}; }}";

    /// <summary>Stopped and disabled (stopped first: it may hold what the caller removes next).</summary>
    public string StopAndDisable => $"{{ {StopIfStarted}; }} && {{ {Disable}; }}";

    /// <summary>Enables the unit in an offline root (a base image being built): no running systemd needed.</summary>
    public string EnableIn(string root) =>
        $"{Sh.Join("systemctl", "--root=" + root, "is-enabled", "--quiet", Name)} || {Sh.Join("systemctl", "--root=" + root, "enable", Name)}";
}
