using OsInstall.Common.Secrets;

namespace OsInstall.Common.Engine;

public sealed record RunOptions
{
    public required string LogDir { get; init; }
    public int Parallel { get; init; } = 8;
    public bool DryRun { get; init; }
    /// <summary>Run components the journal marks installed again (component install does; cluster install does not).</summary>
    public bool Force { get; init; }
    /// <summary>Run the health check after install and fail the component when it is unhealthy.</summary>
    public bool VerifyAfterInstall { get; init; } = true;
    public SecretMasker Masker { get; init; } = SecretMasker.None;
    /// <summary>--verbose: log lines are echoed here as well.</summary>
    public TextWriter? Echo { get; init; }
    public IRunObserver Observer { get; init; } = NullRunObserver.Instance;
}
