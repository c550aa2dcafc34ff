namespace OsInstall.Common.Config;

/// <summary>One problem in the config: its YAML path (networks.internal.cidr), line and column, and what is wrong.</summary>
public sealed record ConfigError(string Path, int Line, int Column, string Message)
{
    public override string ToString() => Line > 0 ? $"line {Line}: {Path}: {Message}" : $"{Path}: {Message}";
}

public sealed record ConfigLoadResult(ClusterConfig? Config, IReadOnlyList<ConfigError> Errors)
{
    public bool Ok => Config is not null && Errors.Count == 0;
}

/// <summary>Raised when the config (or secrets file) is invalid; the CLI maps it to exit code 2.</summary>
public sealed class ConfigInvalidException(string source, IReadOnlyList<ConfigError> errors)
    : Exception($"{source}: {errors.Count} problem(s):\n" + string.Join('\n', errors.Select(e => "  " + e)))
{
    public string ConfigSource { get; } = source;
    public IReadOnlyList<ConfigError> Errors { get; } = errors;
}
