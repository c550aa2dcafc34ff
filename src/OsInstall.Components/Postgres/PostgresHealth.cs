using OsInstall.Common.Alpine;
using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;

namespace OsInstall.Components.Postgres;

/// <summary>
/// Health: every member answers and its recovery state matches its data directory (standby.signal),
/// exactly one is the master, the master has a synchronous (quorum) standby for every other member,
/// and keepalived runs in every member.
/// </summary>
internal static class PostgresHealth
{
    public static async Task<HealthReport> CheckAsync(ComponentContext ctx, ContainerPlatform platform, PostgresSettings settings, CancellationToken ct)
    {
        var checks = new List<HealthCheck>();
        var members = ContainerSet.Members(ctx.Config, ClusterEndpoints.PostgresSet);
        var masters = new List<(string Member, IReadOnlyDictionary<string, string> Facts)>();
        foreach (var m in members)
        {
            var target = MemberTarget.InContainer(await ctx.TargetAsync(m.Host, ct).ConfigureAwait(false), m.Container, platform.Lxc);
            var result = await target.RunAsync(PostgresCommands.Health(settings), ct).ConfigureAwait(false);
            var facts = Parse(result.StdOut);
            var recovery = facts.GetValueOrDefault("in_recovery");
            var answers = recovery is "t" or "f";
            checks.Add(new HealthCheck(m.Container, "postgres answers", answers, answers ? $"pg_is_in_recovery={recovery}" : LastLine(result.StdErr)));
            if (answers)
            {
                var standby = facts.GetValueOrDefault("standby_signal") == "yes";
                checks.Add(new HealthCheck(m.Container, "role", standby == (recovery == "t"),
                    $"{(recovery == "t" ? "in recovery" : "writable")}, {(standby ? "standby" : "master")} data directory"));
                if (recovery == "f")
                {
                    masters.Add((m.Container, facts));
                }
            }
            var keepalived = await target.RunAsync(new OpenRcService("keepalived").Status, ct).ConfigureAwait(false);
            checks.Add(new HealthCheck(m.Container, "keepalived running", keepalived.Succeeded, LastLine(keepalived.StdOut + keepalived.StdErr)));
        }
        checks.Add(new HealthCheck(ClusterEndpoints.PostgresSet, "one master", masters.Count == 1,
            masters.Count == 0 ? "no member is writable" : string.Join(", ", masters.Select(x => x.Member))));
        if (masters.Count == 1)
        {
            var want = members.Count - 1;
            var have = masters[0].Facts.GetValueOrDefault("sync_standbys") ?? "?";
            checks.Add(new HealthCheck(masters[0].Member, "synchronous standbys", have == want.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{have} of {want} standbys streaming synchronously"));
        }
        return HealthReport.From(checks);
    }

    /// <summary>key=value lines (the last one of a key wins).</summary>
    public static Dictionary<string, string> Parse(string output)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            var i = line.IndexOf('=', StringComparison.Ordinal);
            if (i > 0)
            {
                facts[line[..i].Trim()] = line[(i + 1)..].Trim();
            }
        }
        return facts;
    }

    private static string LastLine(string text) => text.TrimEnd().Split('\n')[^1];
}
