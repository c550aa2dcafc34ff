using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace OsInstall.Common.Config;

/// <summary>Reads config/common.yaml into <see cref="ClusterConfig"/>, reporting every problem at once.</summary>
public static class ConfigLoader
{
    public static ConfigLoadResult LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            return new ConfigLoadResult(null, [new ConfigError("(file)", 0, 0, $"config file '{path}' does not exist")]);
        }
        return LoadText(File.ReadAllText(path));
    }

    public static ConfigLoadResult LoadText(string yaml)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .Build();
        try
        {
            var config = deserializer.Deserialize<ClusterConfig>(yaml) ?? new ClusterConfig();
            var errors = ConfigValidator.Validate(config);
            return new ConfigLoadResult(errors.Count == 0 ? config : null, errors);
        }
        catch (YamlException ex)
        {
            return new ConfigLoadResult(null, [new ConfigError("(yaml)", (int)ex.Start.Line, (int)ex.Start.Column, ex.InnerException?.Message ?? ex.Message)]);
        }
    }
}
