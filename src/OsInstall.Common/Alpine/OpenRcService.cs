using OsInstall.Common.Shell;

namespace OsInstall.Common.Alpine;

/// <summary>
/// An OpenRC service in one runlevel, and the commands that bring it to a state, for every component.
/// Each command carries its own check (one SSH round trip, and a rerun acts on nothing): a service
/// is in a runlevel when the link /etc/runlevels/&lt;runlevel&gt;/&lt;service&gt; exists (that link is
/// all rc-update manages), and whether it runs is decided by rc-service itself through
/// --ifstarted / --ifnotstarted, from the same state OpenRC keeps. Chosen over asking first from C#
/// (`rc-service X status`, `rc-update show`, then act: two or three round trips per state, as bind
/// once did) because the SSH round trip is what a step's time is made of, and because a dry run then
/// prints the whole decision. Health checks still ask <see cref="Status"/> separately: they report it.
/// </summary>
public sealed record OpenRcService
{
    public const string DefaultRunlevel = "default";
    public const string BootRunlevel = "boot";

    public OpenRcService(string name, string runlevel = DefaultRunlevel)
    {
        // Both become a path below /etc/runlevels and an rc-service argument.
        if (name.Length == 0 || name.StartsWith('-') || name.Contains('/'))
        {
            throw new ArgumentException($"'{name}' is not a service name", nameof(name));
        }
        if (runlevel.Length == 0 || runlevel.StartsWith('-') || runlevel.Contains('/'))
        {
            throw new ArgumentException($"'{runlevel}' is not a runlevel", nameof(runlevel));
        }
        Name = name;
        Runlevel = runlevel;
    }

    public string Name { get; }

    public string Runlevel { get; }

    /// <summary>What rc-update add creates and rc-update del removes.</summary>
    public string RunlevelLink => $"/etc/runlevels/{Runlevel}/{Name}";

    /// <summary>Exits 0 when the service runs (for health checks and decisions).</summary>
    public string Status => Sh.Join("rc-service", Name, "status");

    /// <summary>Adds the service to its runlevel unless it is already there.</summary>
    public string Enable => $"[ -L {Sh.Quote(RunlevelLink)} ] || {Sh.Join("rc-update", "add", Name, Runlevel)}";

    /// <summary>Takes the service out of its runlevel if it is there.</summary>
    public string Disable => $"if [ -L {Sh.Quote(RunlevelLink)} ]; then {Sh.Join("rc-update", "del", Name, Runlevel)}; fi";

    public string StartIfStopped => Sh.Join("rc-service", "--ifnotstarted", Name, "start");

    public string StopIfStarted => Sh.Join("rc-service", "--ifstarted", Name, "stop");

    /// <summary>Restarts a running service, starts a stopped one (OpenRC's restart does both).</summary>
    public string Restart => Sh.Join("rc-service", Name, "restart");

    /// <summary>Running with the configuration on disk: restarted when it changed, else started only if stopped.</summary>
    public string Run(bool configChanged) => configChanged ? Restart : StartIfStopped;

    /// <summary>In its runlevel and running with the configuration on disk.</summary>
    public string EnableAndRun(bool configChanged) => $"{Enable} && {Run(configChanged)}";

    /// <summary>Stopped and out of its runlevel (stopped first: it may hold what the caller removes next).</summary>
    public string StopAndDisable => $"{StopIfStarted} && {Disable}";
}
