using OsInstall.Common.Engine;
using OsInstall.Common.Ovn;
using OsInstall.Common.Shell;

namespace OsInstall.Components.Ovn;

/// <summary>
/// Health: on every controller the NB and SB raft members list every controller (from
/// cluster/status), and the southbound database knows every controller as a chassis.
/// </summary>
internal static class OvnHealth
{
    public static async Task<HealthReport> CheckAsync(ComponentContext ctx, OvnSettings settings, CancellationToken ct)
    {
        var config = ctx.Config;
        var expected = config.Controllers.Count;
        var checks = new List<HealthCheck>();
        foreach (var host in config.Controllers)
        {
            var target = await ctx.TargetAsync(host.Name, ct).ConfigureAwait(false);
            foreach (var (ctl, db) in new[] { (settings.NbControlSocket, "OVN_Northbound"), (settings.SbControlSocket, "OVN_Southbound") })
            {
                var r = await target.RunAsync(Sh.Join("ovn-appctl", "-t", ctl, "cluster/status", db), ct).ConfigureAwait(false);
                var members = r.Succeeded ? RaftMembers(r.StdOut) : 0;
                checks.Add(new HealthCheck(host.Name, $"{db} raft members", r.Succeeded && members == expected,
                    r.Succeeded ? $"{members} of {expected}" : r.StdErr.Trim()));
            }
        }
        var first = await ctx.TargetAsync(config.FirstController.Name, ct).ConfigureAwait(false);
        var list = await first.RunAsync(Sh.Join([.. settings.Sbctl, $"--db={settings.SbConnection}", "--timeout=30",
            "--format=csv", "--data=bare", "--no-headings", "--columns=name,hostname", "list", "chassis"]), ct).ConfigureAwait(false);
        var registered = list.Succeeded
            ? CsvRows.Parse(list.StdOut).SelectMany(r => r).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : [];
        foreach (var chassis in settings.Chassis)
        {
            checks.Add(new HealthCheck(config.FirstController.Name, $"chassis {chassis} registered", registered.Contains(chassis),
                list.Succeeded ? (registered.Contains(chassis) ? "in the southbound database" : "missing from the southbound database") : list.StdErr.Trim()));
        }
        return HealthReport.From(checks);
    }

    /// <summary>The member lines under "Servers:" of ovsdb-server's cluster/status.</summary>
    public static int RaftMembers(string status)
    {
        var lines = status.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimEnd() == "Servers:");
        if (start < 0)
        {
            return 0;
        }
        return lines.Skip(start + 1).TakeWhile(l => l.Length > 0 && char.IsWhiteSpace(l[0]) && l.Trim().Length > 0).Count();
    }
}
