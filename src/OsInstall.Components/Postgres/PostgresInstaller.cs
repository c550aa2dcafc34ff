using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Database;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Common.Secrets;

namespace OsInstall.Components.Postgres;

/// <summary>
/// PostgreSQL, the default database: containers postgres-1..3, synchronous streaming replication
/// (master postgres-1, standbys 2 and 3 made by base backup from it, quorum commit over the
/// standbys), keepalived moving the VIP (DNS name "postgres") to the writable master and promoting
/// a standby that gets it, and the per-service database API the OpenStack components call.
/// </summary>
public sealed class PostgresInstaller : IComponent, IAlternativeComponent, IDatabaseEngine
{
    /// <summary>The value of openstack.database that selects this component.</summary>
    public const string Choice = "postgres";

    public const string PasswordSecret = "postgres_password";

    public string Name => "postgres";

    public int Order => 60;

    public string Description => "PostgreSQL master + 2 synchronous standbys in containers, keepalived VIP following the master";

    public IReadOnlyList<string> Hosts(ClusterConfig config) => config.Controllers.Select(c => c.Name).ToList();

    public IEnumerable<string> RequiredSecrets(ClusterConfig config) => [PasswordSecret, Keepalived.KeepalivedConfig.AuthSecret];

    /// <summary>Reads (slave_connection) go through haproxy to any member, as plain TCP.</summary>
    public IEnumerable<ServiceBackend> Backends(ClusterConfig config) =>
    [
        new ServiceBackend(
            ClusterEndpoints.PostgresSet,
            PostgresSettings.DefaultPort,
            ContainerSet.Members(config, ClusterEndpoints.PostgresSet)
                .Select(m => new BackendServer(m.Container, config.Fqdn(m.Container), PostgresSettings.DefaultPort)).ToList(),
            BackendMode.Tcp),
    ];

    public bool SelectedBy(ClusterConfig config) =>
        string.Equals(config.Openstack.Database.Trim(), Choice, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<Phase> Install(ComponentContext ctx)
    {
        var platform = ContainerPlatforms.For(ctx);
        var settings = PostgresSettings.FromConfig(ctx.Config);
        foreach (var phase in ContainerSet.Phases(ctx, platform, ClusterEndpoints.PostgresSet,
                     c => PostgresSteps.ProvisionAsync(ctx, MemberTarget.InContainer(c.Host, c.Name, platform.Lxc), settings)))
        {
            yield return phase;
        }
        var members = ContainerSet.Members(ctx.Config, ClusterEndpoints.PostgresSet);
        yield return Phase.On("postgres-vip", ctx.Config.FirstController.Name, s => PostgresSteps.AttachVipAsync(s, platform));
        yield return new Phase("postgres-master", [MemberStep("master", members[0], platform, settings, PostgresSteps.MasterAsync)]);
        // One member at a time, as the original: base backups do not compete for the master, and the
        // members' address lookups on controller-1 do not overlap.
        foreach (var m in members.Skip(1))
        {
            yield return new Phase($"{m.Container}-standby", [MemberStep("standby", m, platform, settings, PostgresSteps.StandbyAsync)]);
        }
        foreach (var m in members)
        {
            yield return new Phase($"{m.Container}-keepalived", [MemberStep("keepalived", m, platform, settings, PostgresSteps.KeepalivedAsync)]);
        }
    }

    public IEnumerable<Phase> Uninstall(ComponentContext ctx)
    {
        var platform = ContainerPlatforms.For(ctx);
        yield return Phase.On("postgres-vip-remove", ctx.Config.FirstController.Name,
            s => platform.Network.DetachAsync(ClusterEndpoints.PostgresSet, s.Cancellation));
        foreach (var phase in ContainerSet.UninstallPhases(ctx, platform, ClusterEndpoints.PostgresSet))
        {
            yield return phase;
        }
    }

    public Task<HealthReport> VerifyAsync(ComponentContext ctx, CancellationToken ct) =>
        PostgresHealth.CheckAsync(ctx, ContainerPlatforms.For(ctx), PostgresSettings.FromConfig(ctx.Config), ct);

    public Task EnsureDatabaseAsync(StepContext step, ServiceDatabase database) =>
        PostgresDatabases.EnsureAsync(step, ContainerPlatforms.For(step.Component), PostgresSettings.FromConfig(step.Config), database);

    public Task DropDatabaseAsync(StepContext step, ServiceDatabase database) =>
        PostgresDatabases.DropAsync(step, ContainerPlatforms.For(step.Component), PostgresSettings.FromConfig(step.Config), database);

    /// <summary>Writes go to the VIP's name (the master); slave_connection reads go through haproxy to the members, as the original.</summary>
    public DatabaseUrls Urls(ClusterConfig config, SecretStore secrets, ServiceDatabase database)
    {
        var password = secrets.Get(database.PasswordSecret);
        return new DatabaseUrls(
            SqlAlchemyUrl.Build(SqlAlchemyUrl.Postgres, database.User, password, ClusterEndpoints.PostgresHost(config), database.Name),
            SqlAlchemyUrl.Build(SqlAlchemyUrl.Postgres, database.User, password, ClusterEndpoints.ApiHost(config), database.Name));
    }

    private static Step MemberStep(string what, ContainerMember m, ContainerPlatform platform, PostgresSettings settings,
        Func<StepContext, MemberTarget, ContainerPlatform, PostgresSettings, Task> action) =>
        new($"{m.Container}-{what}@{m.Host}", m.Host,
            s => action(s, MemberTarget.InContainer(s.Target, m.Container, platform.Lxc), platform, settings));
}
