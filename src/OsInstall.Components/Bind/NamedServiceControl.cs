using System.Text.RegularExpressions;
using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Components.Bind;

/// <summary>The package and OpenRC service of named on one host, each action preceded by its check.</summary>
internal static partial class NamedServiceControl
{
    public const string Package = "bind";
    public const string Service = "named";
    private const string Runlevel = "default";

    public static async Task<bool> IsInstalledAsync(ITarget target, CancellationToken ct)
    {
        var r = await target.RunAsync(Sh.Join("apk", "info", "-e", Package), ct).ConfigureAwait(false);
        return r.Succeeded && r.StdOut.Split('\n').Any(l => l.Trim() == Package);
    }

    public static async Task<bool> IsRunningAsync(ITarget target, CancellationToken ct) =>
        (await target.RunAsync(Sh.Join("rc-service", Service, "status"), ct).ConfigureAwait(false)).Succeeded;

    public static async Task<bool> IsEnabledAsync(ITarget target, CancellationToken ct)
    {
        var r = await target.RunAsync(Sh.Join("rc-update", "show", Runlevel), ct).ConfigureAwait(false);
        return r.Succeeded && r.StdOut.Split('\n').Any(l => EnabledLine().IsMatch(l));
    }

    public static async Task InstallAsync(StepContext s)
    {
        if (!await IsInstalledAsync(s.Target, s.Cancellation).ConfigureAwait(false))
        {
            await s.Run(Sh.Join("apk", "add", Package)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Enabled at boot and running with the configuration on disk: started when stopped,
    /// restarted when <paramref name="restart"/> (its configuration changed), else left alone.
    /// </summary>
    public static async Task EnsureRunningAsync(StepContext s, string confPath, bool restart, bool primary)
    {
        // A broken named.conf (or, on the primary, a broken zone file: -z loads them) must stop the
        // step here, not take a running named down.
        await s.Run(primary ? Sh.Join("named-checkconf", "-z", confPath) : Sh.Join("named-checkconf", confPath)).ConfigureAwait(false);
        if (!await IsEnabledAsync(s.Target, s.Cancellation).ConfigureAwait(false))
        {
            await s.Run(Sh.Join("rc-update", "add", Service, Runlevel)).ConfigureAwait(false);
        }
        if (!await IsRunningAsync(s.Target, s.Cancellation).ConfigureAwait(false))
        {
            await s.Run(Sh.Join("rc-service", Service, "start")).ConfigureAwait(false);
        }
        else if (restart)
        {
            await s.Run(Sh.Join("rc-service", Service, "restart")).ConfigureAwait(false);
        }
    }

    public static async Task StopAndDisableAsync(StepContext s)
    {
        if (await IsRunningAsync(s.Target, s.Cancellation).ConfigureAwait(false))
        {
            await s.Run(Sh.Join("rc-service", Service, "stop")).ConfigureAwait(false);
        }
        if (await IsEnabledAsync(s.Target, s.Cancellation).ConfigureAwait(false))
        {
            await s.Run(Sh.Join("rc-update", "del", Service, Runlevel)).ConfigureAwait(false);
        }
    }

    public static async Task RemoveAsync(StepContext s)
    {
        if (await IsInstalledAsync(s.Target, s.Cancellation).ConfigureAwait(false))
        {
            await s.Run(Sh.Join("apk", "del", Package)).ConfigureAwait(false);
        }
    }

    // rc-update show prints " named | default" for an enabled service.
    [GeneratedRegex(@"^\s*named\s*\|")]
    private static partial Regex EnabledLine();
}
