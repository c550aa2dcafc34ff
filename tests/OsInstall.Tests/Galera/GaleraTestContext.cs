using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Secrets;
using OsInstall.Common.Targets;
using OsInstall.Components;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Galera;

/// <summary>The example config with galera selected, secrets with awkward characters, and a context that renders (no hosts).</summary>
internal static class GaleraTestContext
{
    /// <summary>A password with every character a SQL string or a URL could trip on.</summary>
    public const string AwkwardPassword = "p'w\\d\"@:/%;`$(x) -- #";

    public static ClusterConfig Config(string database = "galera")
    {
        var loaded = ConfigLoader.LoadFile(RepoPaths.ExampleConfig);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        var config = loaded.Config!;
        config.Openstack.Database = database;
        return config;
    }

    public static SecretStore Secrets() => new(new Dictionary<string, string>
    {
        ["mariadb_root_password"] = "root-" + AwkwardPassword,
        ["keystone_db_password"] = AwkwardPassword,
    });

    public static ComponentContext Context(ClusterConfig? config = null, SecretStore? secrets = null) =>
        new(config ?? Config(), secrets ?? Secrets(), ComponentCatalog.Templates,
            (_, _) => Task.FromException<ITarget>(new InvalidOperationException("rendering only: no hosts")),
            (_, _, _) => Task.CompletedTask, Serilog.Core.Logger.None, dryRun: false);
}
