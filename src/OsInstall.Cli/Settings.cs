using System.CommandLine;

namespace OsInstall.Cli;

/// <summary>The global options of one invocation, read once.</summary>
public sealed record Settings(
    string ConfigPath,
    bool ConfigGiven,
    string SecretsPath,
    string LogDir,
    string StateDir,
    int Parallel,
    bool Verbose,
    bool AcceptNewHostKeys)
{
    public static Settings From(ParseResult parse)
    {
        var config = parse.GetValue(GlobalOptions.Config) ?? GlobalOptions.DefaultConfig;
        var given = parse.GetResult(GlobalOptions.Config) is { Implicit: false };
        var secrets = parse.GetValue(GlobalOptions.Secrets)
            ?? OsInstall.Common.Secrets.SecretsFile.DefaultPathFor(config);
        return new Settings(config, given, secrets,
            parse.GetValue(GlobalOptions.LogDir) ?? "logs",
            parse.GetValue(GlobalOptions.StateDir) ?? "state",
            parse.GetValue(GlobalOptions.Parallel),
            parse.GetValue(GlobalOptions.Verbose),
            parse.GetValue(GlobalOptions.AcceptNewHostKeys));
    }
}
