namespace OsInstall.Common.Config;

/// <summary>Raised when the config (or secrets file) is invalid; the CLI maps it to exit code 2.</summary>
public sealed class ConfigInvalidException(string source, IReadOnlyList<ConfigError> errors)
    : Exception($"{source}: {errors.Count} problem(s):\n" + string.Join('\n', errors.Select(e => "  " + e)))
{
    public string ConfigSource { get; } = source;
    public IReadOnlyList<ConfigError> Errors { get; } = errors;
}
