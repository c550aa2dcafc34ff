using System.Globalization;
using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Database;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Common.Targets;
using OsInstall.Components.Glance;
using OsInstall.Components.Keystone;
using OsInstall.Components.OpenStack;
using OsInstall.Components.Placement;

namespace OsInstall.Components.Nova;

/// <summary>
/// nova's control plane (the original's nova-install.sh) in the nova-1..3 containers: the compute
/// API (haproxy port 8774) and the metadata API (8775) in bjoern workers, nova-conductor,
/// nova-scheduler and nova-novncproxy (haproxy port 6080, noVNC's files from Alpine's novnc) as
/// OpenRC daemons; its three databases nova, nova_api and nova_cell0 (one owner, one password)
/// through the database engine; nova.conf with both database sections, the rabbitmq transport,
/// the memcached cache, placement, neutron with the metadata proxy's shared secret, glance, cinder
/// and VNC; on member 1 the schema syncs and the cell0/cell1 mappings (<see cref="NovaCells"/>);
/// the nova user, compute service and endpoints .../v2.1 in keystone. nova-compute itself runs on
/// the compute nodes (the compute component), which cell1 discovers.
/// </summary>
public sealed class NovaInstaller : ServiceComponent
{
    public const string ServiceName = "nova";

    /// <summary>The compute API's well-known port: haproxy's frontend on the VIP and the endpoints' port.</summary>
    public const int ApiPort = 8774;

    /// <summary>The metadata API's port on the VIP (neutron's metadata agents ask it).</summary>
    public const int MetadataPort = 8775;

    /// <summary>nova-novncproxy's port, in every container and on haproxy's frontend.</summary>
    public const int NovncPort = 6080;

    public const string ConfPath = "/etc/nova/nova.conf";
    public const string PastePath = "/etc/nova/api-paste.ini";
    public const string ConfTemplate = "Nova/templates/nova.conf.sbn";

    /// <summary>How long an open instance console may sit idle behind haproxy (the original's hour).</summary>
    public static readonly TimeSpan ConsoleIdleTimeout = TimeSpan.FromHours(1);

    /// <summary>Where Alpine's novnc package puts noVNC's web client ([DEFAULT] web).</summary>
    public const string NovncWeb = "/usr/share/novnc";

    public const string PasswordSecret = "nova_password";
    public const string MetadataSecret = "metadata_proxy_secret";

    /// <summary>The first release whose nova has the nova.wsgi modules the workers import (the wsgi scripts went with 2025.2).</summary>
    public static readonly (int Year, int Half) FirstWsgiModuleRelease = (2025, 1);

    /// <summary>nova.wsgi.osapi_compute builds the application when imported; its root answers the version document without a token.</summary>
    public static readonly WsgiApi Api =
        new("nova-api", "nova.wsgi.osapi_compute", "application", IsFactory: false, Port: ApiPort, WorkerBasePort: 4000, CheckPath: "/");

    /// <summary>nova.wsgi.metadata; its root lists the metadata versions without an instance.</summary>
    public static readonly WsgiApi Metadata =
        new("nova-metadata", "nova.wsgi.metadata", "application", IsFactory: false, Port: MetadataPort, WorkerBasePort: 5000, CheckPath: "/");

    public static readonly ServiceDaemon Conductor = new("nova-conductor", "nova-conductor", "nova conductor (database access for the cells)");
    public static readonly ServiceDaemon Scheduler = new("nova-scheduler", "nova-scheduler", "nova scheduler (places instances on compute nodes)");
    public static readonly ServiceDaemon Novncproxy = new("nova-novncproxy", "nova-novncproxy", "nova noVNC proxy (instance consoles, port 6080)");

    public static readonly IReadOnlyList<ServiceDaemon> Daemons = [Conductor, Scheduler, Novncproxy];

    public static readonly KeystoneRegistration Registration =
        new(ServiceName, PasswordSecret, ServiceName, "compute", "OpenStack Compute", ApiPort, "/v2.1");

    /// <summary>nova as data (also used by the compute component, which runs nova-manage in nova-1).</summary>
    public static readonly OpenStackService Definition = new()
    {
        Name = ServiceName,
        // libxml2/libxslt: headers for lxml on musl; novnc: the console's web client nova-novncproxy serves.
        ApkPackages = ["libxml2-dev", "libxslt-dev", "novnc"],
        PipPackages = ["python-memcached"],
        Database = OpenStackDatabases.Nova,
        ExtraDatabases = [OpenStackDatabases.NovaApi, OpenStackDatabases.NovaCell0],
        Apis = [Api, Metadata],
        Daemons = [.. Daemons.Select(d => d.Name)],
        DbSyncCommands = NovaCells.Commands($"/opt/{ServiceName}/bin/nova-manage"),
        Registration = Registration,
        ExtraSecrets = [ClusterEndpoints.RabbitmqPasswordSecret, MetadataSecret, "neutron_password", PlacementInstaller.Registration.PasswordSecret],
    };

    public NovaInstaller() : this(null)
    {
    }

    /// <param name="databaseEngine">The database engine (default: the one openstack.database selects).</param>
    /// <param name="platform">The container platform (default: the production OVN/rsyslog one).</param>
    public NovaInstaller(Func<ClusterConfig, IDatabaseEngine>? databaseEngine, Func<ComponentContext, ContainerPlatform>? platform = null)
        : base(databaseEngine, platform)
    {
    }

    public override OpenStackService Service => Definition;

    public override int Order => 130;

    public override string Description =>
        "nova: compute API (8774) and metadata API (8775) in bjoern workers, conductor, scheduler, noVNC proxy (6080), cell0/cell1";

    /// <summary>The two bjoern APIs, and the noVNC proxy of every container behind port 6080 (a TCP check: it speaks websockets).</summary>
    public override IEnumerable<ServiceBackend> Backends(ClusterConfig config) =>
    [
        .. base.Backends(config),
        new ServiceBackend(Novncproxy.Name, NovncPort,
            ContainerSet.BackendServers(config, ServiceName, NovncPort),
            BackendMode.Http, TunnelTimeout: ConsoleIdleTimeout),
    ];

    public string RenderConf(ComponentContext ctx) =>
        RenderConf(ctx, DatabaseUrls(ctx), DatabaseUrls(ctx, OpenStackDatabases.NovaApi));

    /// <param name="urls">The [database] URLs (database nova; nova derives cell0's from them).</param>
    /// <param name="apiUrls">The [api_database] URLs (database nova_api).</param>
    public static string RenderConf(ComponentContext ctx, DatabaseUrls urls, DatabaseUrls apiUrls)
    {
        var config = ctx.Config;
        var secrets = ctx.Secrets;
        return ctx.Render(ConfTemplate, new
        {
            Facility = SyslogFacility.For(config, ServiceName),
            StateDir = Definition.StateDir,
            TransportUrl = OsloValue.Escape(ClusterEndpoints.TransportUrl(config, secrets)),
            NovncWeb,
            NovncPort,
            Region = config.Cluster.Region,
            MemcacheServers = string.Join(',', ClusterEndpoints.MemcachedServers(config)),
            Authtoken = ServiceAuthtoken.For(ctx, Registration),
            IdentityUrl = KeystoneInstaller.IdentityUrl(config),
            PlacementUser = PlacementInstaller.Registration.UserName,
            PlacementPassword = OsloValue.Escape(secrets.Get(PlacementInstaller.Registration.PasswordSecret)),
            NeutronUser = "neutron",
            NeutronPassword = OsloValue.Escape(secrets.Get("neutron_password")),
            MetadataProxySecret = OsloValue.Escape(secrets.Get(MetadataSecret)),
            Connection = urls.Connection,
            SlaveConnection = urls.SlaveConnection,
            ApiConnection = apiUrls.Connection,
            ApiSlaveConnection = apiUrls.SlaveConnection,
        });
    }

    protected override IEnumerable<ServiceFile> ConfigFiles(ComponentContext ctx, ContainerMember member)
    {
        RequireWsgiModules(ctx.Config);
        var service = Service;
        yield return new ServiceFile(ConfPath, RenderConf(ctx), service.ConfigSpec);
        foreach (var daemon in Daemons)
        {
            yield return daemon.File(ctx, service, [ConfPath]);
        }
    }

    /// <summary>nova's paste pipeline (the APIs read /etc/nova/api-paste.ini beside nova.conf) from its source tree.</summary>
    protected override async Task ProvisionExtraAsync(ComponentContext ctx, ITarget container, CancellationToken ct) =>
        await container.RunCheckedAsync(SourceFiles.CopyCommand(Service, "etc/nova/api-paste.ini", PastePath), ct).ConfigureAwait(false);

    /// <summary>The original's check: the compute services as nova sees them (conductor and scheduler report in).</summary>
    protected override IEnumerable<ApiCheck> ApiChecks(ClusterConfig config) =>
    [
        new("compute services", ["compute", "service", "list", "-f", "value", "-c", "Binary"], [Conductor.Name, Scheduler.Name]),
    ];

    /// <summary>
    /// The workers import nova.wsgi.osapi_compute / nova.wsgi.metadata, which nova has since
    /// 2025.1; an older versions.openstack_release is refused before anything is written.
    /// </summary>
    public static void RequireWsgiModules(ClusterConfig config)
    {
        var release = config.Versions.OpenstackRelease;
        var parts = release.Split('.');
        var recent = parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var half)
            && (year, half).CompareTo(FirstWsgiModuleRelease) >= 0;
        if (!recent)
        {
            throw new InvalidOperationException(
                $"nova: versions.openstack_release '{release}' is older than {FirstWsgiModuleRelease.Year}.{FirstWsgiModuleRelease.Half}; " +
                "the bjoern workers import nova.wsgi.osapi_compute and nova.wsgi.metadata, which nova has since 2025.1");
        }
    }
}
