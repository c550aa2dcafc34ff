using System.Globalization;
using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Common.Targets;
using OsInstall.Common.Shell;

namespace OsInstall.Components.Galera;

/// <summary>
/// Galera's health, per member: the container runs, mariadb runs in it, and the member sees a
/// cluster of every member (wsrep_cluster_size equals the number of controllers).
/// </summary>
public static class GaleraHealth
{
    public static readonly string ClusterSizeQuery =
        "mariadb --batch --skip-column-names -e " + Sh.Quote("SHOW GLOBAL STATUS LIKE 'wsrep_cluster_size'");

    public static async Task<HealthReport> CheckAsync(ComponentContext ctx, ContainerPlatform platform, CancellationToken ct)
    {
        var checks = new List<HealthCheck>();
        var members = GaleraSettings.Members(ctx.Config);
        foreach (var member in members)
        {
            var host = await ctx.TargetAsync(member.Host, ct).ConfigureAwait(false);
            var state = await platform.Lxc.StateAsync(host, member.Container, ct).ConfigureAwait(false);
            checks.Add(new HealthCheck(member.Host, $"{member.Container} running", state == "RUNNING", state ?? "no such container"));
            if (state != "RUNNING")
            {
                continue;
            }
            var target = new ContainerTarget(host, member.Container, platform.Lxc);
            var active = await target.RunAsync(GaleraSettings.Mariadb.IsActive, ct).ConfigureAwait(false);
            checks.Add(new HealthCheck(member.Host, $"mariadb running in {member.Container}", active.Succeeded, $"systemctl is-active exit {active.ExitCode}"));
            var size = await target.RunAsync(ClusterSizeQuery, ct).ConfigureAwait(false);
            var seen = ParseClusterSize(size.StdOut);
            checks.Add(new HealthCheck(member.Host, $"{member.Container} cluster size", size.Succeeded && seen == members.Count,
                seen is null ? $"no wsrep_cluster_size (exit {size.ExitCode})" : $"wsrep_cluster_size {seen} of {members.Count}"));
        }
        return HealthReport.From(checks);
    }

    /// <summary>The value of the "wsrep_cluster_size&lt;TAB&gt;N" line, null when there is none.</summary>
    public static int? ParseClusterSize(string output)
    {
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[0] == "wsrep_cluster_size"
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }
        }
        return null;
    }
}
