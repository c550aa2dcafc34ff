using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Database;
using OsInstall.Common.Engine;
using OsInstall.Components.OpenStack;

namespace OsInstall.Components.Placement;

/// <summary>
/// placement (the original's placement-install.sh) in the placement-1..3 containers: code from git
/// at the configured branch, its database through the selected engine, placement.conf (syslog
/// facility, keystone_authtoken with the memcached cache, [placement_database]), bjoern workers
/// placement-1..N behind haproxy's port 8778, db sync, and the placement user, service and
/// endpoints in keystone.
/// </summary>
public sealed class PlacementInstaller : ServiceComponent
{
    public const string ServiceName = "placement";

    /// <summary>placement's well-known port: haproxy's frontend on the VIP and the endpoints' port.</summary>
    public const int Port = 8778;

    public const string ConfPath = "/etc/placement/placement.conf";

    public const string ConfTemplate = "Placement/templates/placement.conf.sbn";

    /// <summary>placement.wsgi.init_application builds the application; its root answers the version document without a token.</summary>
    public static readonly WsgiApi Api =
        new(ServiceName, "placement.wsgi", "init_application", IsFactory: true, Port: Port, WorkerBasePort: 8000, CheckPath: "/");

    public static readonly KeystoneRegistration Registration =
        new(ServiceName, "placement_password", ServiceName, "placement", "Placement API", Port);

    private static readonly OpenStackService Definition = new()
    {
        Name = ServiceName,
        PipPackages = ["python-memcached"],
        Database = new ServiceDatabase(ServiceName, ServiceName, "placement_db_password"),
        Apis = [Api],
        DbSyncCommands = [$"/opt/{ServiceName}/bin/placement-manage db sync"],
        Registration = Registration,
    };

    public PlacementInstaller() : this(null)
    {
    }

    /// <param name="databaseEngine">The database engine (default: the one openstack.database selects).</param>
    /// <param name="platform">The container platform (default: the production OVN/rsyslog one).</param>
    public PlacementInstaller(Func<ClusterConfig, IDatabaseEngine>? databaseEngine, Func<ComponentContext, ContainerPlatform>? platform = null)
        : base(databaseEngine, platform)
    {
    }

    public override OpenStackService Service => Definition;

    public override int Order => 120;

    public override string Description =>
        "placement: resource providers, inventories and usages in bjoern workers behind haproxy (port 8778)";

    /// <summary>placement.conf as every member gets it.</summary>
    public string RenderConf(ComponentContext ctx) => RenderConf(ctx, DatabaseUrls(ctx));

    public static string RenderConf(ComponentContext ctx, DatabaseUrls urls) =>
        ctx.Render(ConfTemplate, new
        {
            Facility = SyslogFacility.For(ctx.Config, ServiceName),
            Authtoken = ServiceAuthtoken.For(ctx, Registration),
            Connection = urls.Connection,
            SlaveConnection = urls.SlaveConnection,
        });

    protected override IEnumerable<ServiceFile> ConfigFiles(ComponentContext ctx, ContainerMember member)
    {
        yield return new ServiceFile(ConfPath, RenderConf(ctx), Service.ConfigSpec);
    }

    /// <summary>The original's quick test: the standard resource classes and traits through the VIP (needs osc-placement).</summary>
    protected override IEnumerable<ApiCheck> ApiChecks(ClusterConfig config) =>
    [
        new("resource classes", ["--os-placement-api-version", "1.2", "resource", "class", "list", "-f", "value", "-c", "name"], ["VCPU", "MEMORY_MB", "DISK_GB"]),
        new("traits", ["--os-placement-api-version", "1.6", "trait", "list", "-f", "value", "-c", "name"], []),
    ];
}
