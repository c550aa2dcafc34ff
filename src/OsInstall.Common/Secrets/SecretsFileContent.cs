using OsInstall.Common.Config;

namespace OsInstall.Common.Secrets;

/// <summary>What a secrets file held, as far as it could be read: the well-formed values, the line of each name, and every problem.</summary>
public sealed class SecretsFileContent
{
    public SecretStore Store { get; } = new();
    public Dictionary<string, int> Lines { get; } = new(StringComparer.Ordinal);
    public List<ConfigError> Errors { get; } = [];
}
