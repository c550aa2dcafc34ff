using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Resilience;

/// <summary>A theory that needs the simulated cluster: skipped for the same reason as a <see cref="SimulationFactAttribute"/>.</summary>
public sealed class SimulationTheoryAttribute : TheoryAttribute
{
    public SimulationTheoryAttribute()
    {
        Skip = new SimulationFactAttribute().Skip;
    }
}
