namespace OsInstall.Common.Config.Rules;

/// <summary>What the rules share: the config, where its values sit, and the errors found so far.</summary>
public sealed class ValidationContext(ClusterConfig config, ConfigLocations locations)
{
    private readonly List<ConfigError> errors = [];

    public ClusterConfig Config { get; } = config;
    public ConfigLocations Locations { get; } = locations;
    public IReadOnlyList<ConfigError> Errors => errors;

    /// <summary>Records a problem at <paramref name="path"/>, unless the binder already reported that value.</summary>
    public void Report(string path, string message)
    {
        if (!Locations.HasFailed(path))
        {
            errors.Add(Locations.Error(path, PrintableText.Escape(message)));
        }
    }

    /// <summary>True when the value was bound from the file and not already reported, i.e. worth checking.</summary>
    public bool Usable(string path, string? value) => !string.IsNullOrEmpty(value) && !Locations.HasFailed(path);
}
