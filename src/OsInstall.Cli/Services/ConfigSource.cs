using OsInstall.Common.Config;

namespace OsInstall.Cli.Services;

/// <summary>Loads the config file, or the built-in example when no config was named and none is in ./config.</summary>
public static class ConfigSource
{
    public const string EmbeddedName = "built-in config/common.yaml";

    public static (ConfigLoadResult Result, string Source) Load(Settings settings)
    {
        if (!settings.ConfigGiven && !File.Exists(settings.ConfigPath))
        {
            using var stream = typeof(ConfigSource).Assembly.GetManifestResourceStream("common.yaml")
                ?? throw new InvalidOperationException("the built-in config is missing from the binary");
            using var reader = new StreamReader(stream);
            return (ConfigLoader.LoadText(reader.ReadToEnd()), EmbeddedName);
        }
        return (ConfigLoader.LoadFile(settings.ConfigPath), settings.ConfigPath);
    }
}
