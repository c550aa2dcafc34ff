namespace OsInstall.Common.Config;

/// <summary>Semantic rules over a bound config.</summary>
public static class ConfigValidator
{
    public static List<ConfigError> Validate(ClusterConfig config)
    {
        var errors = new List<ConfigError>();
        if (config.Controllers.Count == 0)
        {
            errors.Add(new ConfigError("controllers", 0, 0, "at least one controller is required"));
        }
        return errors;
    }
}
