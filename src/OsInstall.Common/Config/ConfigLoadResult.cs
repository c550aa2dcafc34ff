namespace OsInstall.Common.Config;

/// <summary>The loaded config (null when anything is wrong) and every problem found.</summary>
public sealed record ConfigLoadResult(ClusterConfig? Config, IReadOnlyList<ConfigError> Errors)
{
    public bool Ok => Config is not null && Errors.Count == 0;
}
