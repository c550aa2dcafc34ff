using System.Text;
using OsInstall.Common.Config.Yaml;

namespace OsInstall.Common.Config;

/// <summary>
/// Reads config/common.yaml into <see cref="ClusterConfig"/>, reporting every problem at once:
/// file-level (encoding, tabs, syntax, duplicates), structural (types, unknown and missing keys)
/// and semantic (<see cref="ConfigValidator"/>). Config is null whenever there is any error.
/// </summary>
public static class ConfigLoader
{
    public static ConfigLoadResult LoadFile(string path) => Guard(() =>
    {
        var errors = new List<ConfigError>();
        var root = YamlFileReader.ReadFile(path, errors);
        return Finish(root, errors);
    });

    public static ConfigLoadResult LoadText(string yaml) => LoadBytes(Encoding.UTF8.GetBytes(yaml));

    public static ConfigLoadResult LoadBytes(byte[] bytes) => Guard(() =>
    {
        var errors = new List<ConfigError>();
        var root = YamlFileReader.ReadBytes(bytes, errors);
        return Finish(root, errors);
    });

    /// <summary>
    /// Structure only (syntax, types, unknown and missing keys), no semantic rules: the config is
    /// returned even when its values would not validate. For tests that feed hostile values
    /// (shell metacharacters, newlines) through rendering on purpose.
    /// </summary>
    public static ConfigLoadResult BindText(string yaml) => Guard(() =>
    {
        var errors = new List<ConfigError>();
        var root = YamlFileReader.ReadBytes(Encoding.UTF8.GetBytes(yaml), errors);
        if (root is null)
        {
            return new ConfigLoadResult(null, errors);
        }
        var config = ConfigBinder.Bind<ClusterConfig>(root, errors, new ConfigLocations());
        return new ConfigLoadResult(config, errors);
    });

    // Bad input must end in a list of errors, never a stack trace: a parser surprise becomes one error too.
    private static ConfigLoadResult Guard(Func<ConfigLoadResult> load)
    {
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new ConfigLoadResult(null, [new ConfigError("(file)", 0, 0, $"the config could not be read: {ex.Message}")]);
        }
    }

    private static ConfigLoadResult Finish(YamlMapping? root, List<ConfigError> errors)
    {
        if (root is null)
        {
            return new ConfigLoadResult(null, errors);
        }
        var locations = new ConfigLocations();
        var config = ConfigBinder.Bind<ClusterConfig>(root, errors, locations);
        errors.AddRange(ConfigValidator.Validate(config, locations));
        var ordered = errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        return new ConfigLoadResult(ordered.Count == 0 ? config : null, ordered);
    }
}
