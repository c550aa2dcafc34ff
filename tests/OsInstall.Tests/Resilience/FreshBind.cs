using OsInstall.Common.Journal;
using OsInstall.Tests.EndToEnd;
using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Resilience;

/// <summary>A new operator directory, and bind removed from the hosts, so that every bind install step has work to do.</summary>
internal static class FreshBind
{
    public static readonly string[] Controllers = ["o3p-os-controller-1", "o3p-os-controller-2", "o3p-os-controller-3"];

    public static async Task<CliScenario> PrepareAsync(SimulatedCluster cluster)
    {
        cluster.ClearFaults();
        cluster.ClearDelays();
        var op = new CliScenario(cluster);
        var uninstall = await op.RunAsync("component", "uninstall", "bind", "--yes");
        Assert.True(uninstall.ExitCode == 0, uninstall.Output);
        Assert.All(Controllers, h => Assert.DoesNotContain("bind", cluster.ReadFile(h, "/var/lib/osinstall-sim/apk-world") ?? ""));
        File.Delete(JournalPath(op));
        cluster.ClearCalls();
        return op;
    }

    /// <summary>The global options that point a child osinstall process at the scenario's files.</summary>
    public static string[] Options(CliScenario op) =>
        ["--config", op.ConfigPath, "--secrets", op.SecretsPath, "--log-dir", op.LogDir, "--state-dir", op.StateDir];

    public static string JournalPath(CliScenario op) => Path.Combine(op.StateDir, "journal.json");

    public static InstallJournal Journal(CliScenario op) => InstallJournal.Load(JournalPath(op));

    /// <summary>The journal as a child process left it so far (empty while it does not exist or is being replaced).</summary>
    public static IReadOnlyList<string> CompletedSoFar(CliScenario op, string component)
    {
        try
        {
            return File.Exists(JournalPath(op)) ? Journal(op).Get(component).CompletedSteps : [];
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException)
        {
            return [];
        }
    }
}
