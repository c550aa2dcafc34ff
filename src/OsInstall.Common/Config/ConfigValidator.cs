using OsInstall.Common.Config.Rules;

namespace OsInstall.Common.Config;

/// <summary>
/// Semantic rules over a bound config, each problem with its YAML path and (given the
/// locations the binder recorded) its line. Values the binder already reported are skipped.
/// </summary>
public static class ConfigValidator
{
    public static List<ConfigError> Validate(ClusterConfig config, ConfigLocations? locations = null)
    {
        var ctx = new ValidationContext(config, locations ?? new ConfigLocations());
        TextRules.Check(ctx);
        HostRules.Check(ctx);
        AddressRules.Check(ctx);
        SampleVmRules.Check(ctx);
        PortRules.Check(ctx);
        ChoiceRules.Check(ctx);
        FormatRules.Check(ctx);
        IpxeRules.Check(ctx);
        return [.. ctx.Errors];
    }
}
