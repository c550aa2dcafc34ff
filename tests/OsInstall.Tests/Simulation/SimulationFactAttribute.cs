using Xunit;

namespace OsInstall.Tests.Simulation;

/// <summary>A fact that needs the simulated cluster: skipped, with the reason, when not running as root.</summary>
public sealed class SimulationFactAttribute : FactAttribute
{
    public SimulationFactAttribute()
    {
        if (!IsRoot())
        {
            Skip = "needs root: the simulated cluster runs sshd with ChrootDirectory and creates device nodes (CI runs as root)";
        }
    }

    private static bool IsRoot() => File.ReadAllText("/proc/self/status").Split('\n')
        .FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) == "0";
}
