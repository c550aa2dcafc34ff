using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Database;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Common.Secrets;

namespace OsInstall.Components.Galera;

/// <summary>
/// MariaDB Galera, the alternative to postgres (openstack.database: galera): three synchronous
/// multi-master members mariadb-1..3 in Ubuntu containers (systemd, apt), as the original's
/// mariadb/ubuntu/mariadb-install.sh builds them. mariadb-1 gets the packages and the config and is
/// cloned; then mariadb-1 bootstraps the cluster and the others join it, one after the other.
/// Services reach it through haproxy (one TCP frontend over the three members).
/// </summary>
public sealed class GaleraInstaller : IComponent, IAlternativeComponent, IDatabaseEngine
{
    public string Name => "galera";

    /// <summary>The place of the database in the order, shared with postgres (only one of them is installed).</summary>
    public int Order => 60;

    public string Description => "MariaDB Galera cluster in Ubuntu containers (when openstack.database is galera)";

    public bool SelectedBy(ClusterConfig config) => GaleraSettings.Selected(config);

    public IReadOnlyList<string> Hosts(ClusterConfig config) => config.Controllers.Select(c => c.Name).ToList();

    public IEnumerable<string> RequiredSecrets(ClusterConfig config) => [GaleraSettings.RootPasswordSecret];

    public IEnumerable<ServiceBackend> Backends(ClusterConfig config) =>
        SelectedBy(config)
            ? [new ServiceBackend(GaleraSettings.SetName, GaleraSettings.Port,
                GaleraSettings.Members(config).Select(m => new BackendServer(m.Container, config.Fqdn(m.Container), GaleraSettings.Port)).ToList(),
                BackendMode.Tcp)]
            : [];

    public IEnumerable<Phase> Install(ComponentContext ctx)
    {
        if (!SelectedBy(ctx.Config))
        {
            // Named explicitly (component install galera, --only galera) while postgres is the database: refused before any host is touched.
            yield return Phase.On("database-selection", ctx.Config.FirstController.Name, _ => throw new InvalidOperationException(NotSelectedMessage(ctx.Config)));
            yield break;
        }
        var platform = GaleraPlatform.For(ctx);
        foreach (var phase in ContainerSet.Phases(ctx, platform, GaleraSettings.SetName,
            target => GaleraMembers.ProvisionAsync(ctx, target, CancellationToken.None)))
        {
            yield return phase;
        }
        // One member at a time: the first bootstraps, each other joins a running cluster (and receives its state).
        foreach (var member in GaleraSettings.Members(ctx.Config))
        {
            yield return Phase.On($"{member.Container}-{(member.IsFirst ? "bootstrap" : "join")}", member.Host,
                step => GaleraMembers.StartAsync(step, platform, member));
        }
    }

    public IEnumerable<Phase> Uninstall(ComponentContext ctx) =>
        ContainerSet.UninstallPhases(ctx, GaleraPlatform.For(ctx), GaleraSettings.SetName);

    public Task<HealthReport> VerifyAsync(ComponentContext ctx, CancellationToken ct) =>
        GaleraHealth.CheckAsync(ctx, GaleraPlatform.For(ctx), ct);

    public Task EnsureDatabaseAsync(StepContext step, ServiceDatabase database) =>
        RunOnLocalMemberAsync(step, $"ensure-{database.Name}",
            GaleraSql.EnsureDatabase(step.Component, database, step.Secrets.Get(database.PasswordSecret)));

    public Task DropDatabaseAsync(StepContext step, ServiceDatabase database) =>
        RunOnLocalMemberAsync(step, $"drop-{database.Name}", GaleraSql.DropDatabase(step.Component, database));

    /// <summary>mysql+pymysql to the haproxy VIP, which passes it to the members; Galera has no read-only standby, so no slave_connection.</summary>
    public DatabaseUrls Urls(ClusterConfig config, SecretStore secrets, ServiceDatabase database) =>
        new(SqlAlchemyUrl.Build(SqlAlchemyUrl.MySql, database.User, secrets.Get(database.PasswordSecret),
            ClusterEndpoints.ApiHost(config), database.Name), null);

    public static string NotSelectedMessage(ClusterConfig config) =>
        $"galera is not the configured database (openstack.database is '{config.Openstack.Database}'): " +
        "installing it next to postgres would give the cluster two databases. Set openstack.database: galera to use MariaDB Galera instead.";

    // Every member holds every database: the member on the step's own controller runs it.
    private static Task RunOnLocalMemberAsync(StepContext step, string name, string sql)
    {
        var member = GaleraSettings.Members(step.Config).FirstOrDefault(m => m.Host == step.Target.Name)
            ?? throw new InvalidOperationException($"{step.Target.Name} is not a controller: the galera members run on the controllers");
        return GaleraSqlRunner.RunAsync(step, member, GaleraPlatform.For(step.Component).Lxc, name, sql);
    }
}
