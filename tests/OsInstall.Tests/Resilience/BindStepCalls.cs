using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Resilience;

/// <summary>
/// Which stand-in calls on a host belong to which bind install step: install-package asks apk about
/// bind; configure-primary/-secondary check the config and drive OpenRC and rndc. resolv-conf runs
/// only busybox applets, which leave no record.
/// </summary>
internal static class BindStepCalls
{
    private static readonly HashSet<string> ConfigureCommands = new(StringComparer.Ordinal) { "named-checkconf", "rc-update", "rc-service", "rndc" };

    /// <summary>
    /// The calls without the health check that follows every install (named-checkconf, rc-service
    /// status, rndc status, rndc zonestatus): it runs on every install and belongs to no step.
    /// </summary>
    public static IEnumerable<SimulatedCall> WithoutHealthCheck(IReadOnlyList<SimulatedCall> calls)
    {
        for (var i = calls.Count - 4; i >= 0; i--)
        {
            if (calls[i].Command == "named-checkconf" && !calls[i].Args.Contains("-z")
                && calls[i + 1].Command == "rc-service" && calls[i + 1].Args.SequenceEqual(["named", "status"])
                && calls[i + 2].Command == "rndc" && calls[i + 2].Args[^1] == "status"
                && calls[i + 3].Command == "rndc" && calls[i + 3].Args.Contains("zonestatus"))
            {
                return calls.Take(i).Concat(calls.Skip(i + 4));
            }
        }
        return calls;
    }

    /// <summary>The step's host ("install-package@h" → h).</summary>
    public static string Host(string stepId) => stepId[(stepId.IndexOf('@', StringComparison.Ordinal) + 1)..];

    public static bool LeavesRecords(string stepId) => !stepId.StartsWith("resolv-conf@", StringComparison.Ordinal);

    /// <summary>The calls among <paramref name="calls"/> (of the step's host) that the step makes.</summary>
    public static IReadOnlyList<SimulatedCall> Of(string stepId, IEnumerable<SimulatedCall> calls)
    {
        if (stepId.StartsWith("install-package@", StringComparison.Ordinal))
        {
            return [.. calls.Where(c => c.Command == "apk" && c.Args.Contains("bind"))];
        }
        if (stepId.StartsWith("configure-", StringComparison.Ordinal))
        {
            return [.. WithoutHealthCheck(calls.ToList()).Where(c => ConfigureCommands.Contains(c.Command))];
        }
        return [];
    }
}
