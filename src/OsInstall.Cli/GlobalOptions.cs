using System.CommandLine;

namespace OsInstall.Cli;

/// <summary>Options every command accepts (System.CommandLine recursive options on the root).</summary>
public static class GlobalOptions
{
    public const string DefaultConfig = "config/common.yaml";

    public static readonly Option<string> Config = new("--config")
    {
        Description = "cluster config file (without it and without ./config/common.yaml: the built-in example)",
        DefaultValueFactory = _ => DefaultConfig,
        Recursive = true,
    };

    public static readonly Option<string?> Secrets = new("--secrets")
    {
        Description = "secrets file (default: secrets.yaml beside the config)",
        Recursive = true,
    };

    public static readonly Option<string> LogDir = new("--log-dir")
    {
        Description = "where logs/<component>/<component>-[un]install.log go",
        DefaultValueFactory = _ => "logs",
        Recursive = true,
    };

    public static readonly Option<string> StateDir = new("--state-dir")
    {
        Description = "where the install journal and the run lock live (on controller-1)",
        DefaultValueFactory = _ => "state",
        Recursive = true,
    };

    public static readonly Option<int> Parallel = new("--parallel")
    {
        Description = "hosts worked on at once within a step",
        DefaultValueFactory = _ => 8,
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "print every command as it runs (secrets masked)",
        Recursive = true,
    };

    public static readonly Option<bool> AcceptNewHostKeys = new("--accept-new-host-keys")
    {
        Description = "trust hosts missing from known_hosts and record their keys (a changed key is always refused)",
        Recursive = true,
    };

    public static IEnumerable<Option> All => [Config, Secrets, LogDir, StateDir, Parallel, Verbose, AcceptNewHostKeys];
}
