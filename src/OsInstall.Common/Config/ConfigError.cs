namespace OsInstall.Common.Config;

/// <summary>One problem in the config: its YAML path (networks.internal.cidr), line and column, and what is wrong.</summary>
public sealed record ConfigError(string Path, int Line, int Column, string Message)
{
    public override string ToString() => Line > 0 ? $"line {Line}: {Path}: {Message}" : $"{Path}: {Message}";
}
