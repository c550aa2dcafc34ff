using System.Globalization;
using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Database;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Common.Targets;
using OsInstall.Components.Glance;
using OsInstall.Components.OpenStack;
using OsInstall.Components.Placement;

namespace OsInstall.Components.Cinder;

/// <summary>
/// cinder (the original's cinder-install.sh) in the cinder-1..3 containers: the volume API in
/// bjoern workers cinder-api-1..N behind haproxy's port 8776, cinder-scheduler as an OpenRC daemon,
/// cinder.conf with the Ceph RBD backend section [ceph] (pool ceph.cinder_pool, client
/// ceph.cinder_client, libvirt secret ceph.cinder_secret_uuid) and the rabbitmq transport, the
/// client's keyring from the secret ceph_cinder_key, rootwrap and the sudoers rule the original
/// installs, db sync, and the cinder user, block-storage service and endpoints in keystone.
/// cinder-volume runs on the compute nodes (the compute component), with the same backend section.
/// </summary>
public sealed class CinderInstaller : ServiceComponent
{
    public const string ServiceName = "cinder";

    /// <summary>cinder-api's well-known port: haproxy's frontend on the VIP and the endpoints' port.</summary>
    public const int Port = 8776;

    public const string ConfPath = "/etc/cinder/cinder.conf";
    public const string RootwrapConfPath = "/etc/cinder/rootwrap.conf";
    public const string RootwrapFiltersDir = "/etc/cinder/rootwrap.d";
    public const string PastePath = "/etc/cinder/api-paste.ini";
    public const string SudoersPath = "/etc/sudoers.d/cinder_sudoers";
    public const string ConfTemplate = "Cinder/templates/cinder.conf.sbn";
    public const string RootwrapTemplate = "Cinder/templates/rootwrap.conf.sbn";
    public const string SudoersTemplate = "Cinder/templates/cinder_sudoers.sbn";

    /// <summary>The backend's section and enabled_backends entry, as the original names it.</summary>
    public const string Backend = "ceph";

    public const string PasswordSecret = "cinder_password";

    /// <summary>cinder's database: the control plane's services and the compute nodes' cinder-volume share it.</summary>
    public static readonly ServiceDatabase Database = new(ServiceName, ServiceName, "cinder_db_password");

    /// <summary>The service entity's name (the original's and the install guide's).</summary>
    public const string CatalogName = "cinderv3";

    /// <summary>The endpoints' path: the v3 API of the caller's project.</summary>
    public const string EndpointPath = "/v3/%(project_id)s";

    public static readonly WsgiApi Api =
        new("cinder-api", "cinder.wsgi.wsgi", "initialize_application", IsFactory: true, Port: Port, WorkerBasePort: 5000, CheckPath: "/");

    public static readonly ServiceDaemon Scheduler = new("cinder-scheduler", "cinder-scheduler", "cinder scheduler (places volumes on backends)");

    private static readonly OpenStackService Definition = new()
    {
        Name = ServiceName,
        // sudo: cinder runs cinder-rootwrap through it; libxml2/libxslt: headers for lxml on musl.
        ApkPackages = ["sudo", "libxml2-dev", "libxslt-dev"],
        PipPackages = ["python-memcached"],
        Database = Database,
        Apis = [Api],
        Daemons = [Scheduler.Name],
        DbSyncCommands = [$"/opt/{ServiceName}/bin/cinder-manage db sync"],
        // The catalog entry's type depends on the configured release (see Registration): the
        // base class's registration is not used, this component registers in AfterRegistration.
        Registration = null,
        ExtraSecrets = [PasswordSecret, ClusterEndpoints.RabbitmqPasswordSecret, "ceph_cinder_key"],
    };

    public CinderInstaller() : this(null)
    {
    }

    /// <param name="databaseEngine">The database engine (default: the one openstack.database selects).</param>
    /// <param name="platform">The container platform (default: the production OVN/rsyslog one).</param>
    public CinderInstaller(Func<ClusterConfig, IDatabaseEngine>? databaseEngine, Func<ComponentContext, ContainerPlatform>? platform = null)
        : base(databaseEngine, platform)
    {
    }

    public override OpenStackService Service => Definition;

    public override int Order => 150;

    public override string Description =>
        "cinder: volume API in bjoern workers (port 8776) and scheduler, Ceph RBD backend";

    /// <summary>
    /// The catalog type of the volume API for the configured release: "block-storage" (the
    /// service-types authority's name, which the install guide of the numbered releases, 2023.1 on,
    /// registers) or, for the named releases up to zed, "volumev3" as the original registers it.
    /// </summary>
    public static string ServiceType(ClusterConfig config) => IsNumberedRelease(config.Versions.OpenstackRelease) ? "block-storage" : "volumev3";

    /// <summary>The cinder user, the cinderv3 service and its endpoints .../v3/%(project_id)s.</summary>
    public static KeystoneRegistration Registration(ClusterConfig config) =>
        new(ServiceName, PasswordSecret, CatalogName, ServiceType(config), "OpenStack Block Storage", Port, EndpointPath);

    public static CephServiceClient Ceph(ClusterConfig config) => new(config.Ceph.CinderClient, "ceph_cinder_key");

    public string RenderConf(ComponentContext ctx) => RenderConf(ctx, DatabaseUrls(ctx));

    public static string RenderConf(ComponentContext ctx, DatabaseUrls urls) =>
        ctx.Render(ConfTemplate, new
        {
            Facility = SyslogFacility.For(ctx.Config, ServiceName),
            TransportUrl = OsloValue.Escape(ClusterEndpoints.TransportUrl(ctx.Config, ctx.Secrets)),
            RootwrapConf = RootwrapConfPath,
            StateDir = Definition.StateDir,
            Backend,
            Authtoken = ServiceAuthtoken.For(ctx, Registration(ctx.Config)),
            Connection = urls.Connection,
            SlaveConnection = urls.SlaveConnection,
        });

    public static string RenderRootwrapConf(ComponentContext ctx) =>
        ctx.Render(RootwrapTemplate, new { FiltersDir = RootwrapFiltersDir, VenvBin = Definition.VenvBin });

    public static string RenderSudoers(ComponentContext ctx) =>
        ctx.Render(SudoersTemplate, new { User = Definition.User, Rootwrap = Definition.Tool("cinder-rootwrap"), RootwrapConf = RootwrapConfPath });

    protected override IEnumerable<ServiceFile> ConfigFiles(ComponentContext ctx, ContainerMember member)
    {
        var service = Service;
        yield return new ServiceFile(ConfPath, RenderConf(ctx), service.ConfigSpec);
        // Read by cinder-rootwrap as root through sudo: root's alone to change.
        yield return new ServiceFile(RootwrapConfPath, RenderRootwrapConf(ctx), new FileSpec("0644"));
        yield return new ServiceFile(SudoersPath, RenderSudoers(ctx), new FileSpec("0440"));
        foreach (var file in Ceph(ctx.Config).Files(ctx, service))
        {
            yield return file;
        }
        yield return Scheduler.File(ctx, service, [ConfPath]);
    }

    /// <summary>cinder's paste pipeline and rootwrap filters from its source tree (root-owned: rootwrap trusts them).</summary>
    protected override async Task ProvisionExtraAsync(ComponentContext ctx, ITarget container, CancellationToken ct)
    {
        await container.RunCheckedAsync(SourceFiles.CopyCommand(Service, "etc/cinder/api-paste.ini", PastePath), ct).ConfigureAwait(false);
        await container.RunCheckedAsync(SourceFiles.CopyCommand(Service, "etc/cinder/rootwrap.d/volume.filters", $"{RootwrapFiltersDir}/volume.filters", "0644"), ct).ConfigureAwait(false);
    }

    /// <summary>The catalog entries, once the API answers through the VIP.</summary>
    protected override IEnumerable<Phase> AfterRegistration(ComponentContext ctx, ContainerPlatform platform)
    {
        yield return Phase.On($"{ServiceName}-keystone-registration", FirstMember(ctx.Config).Host,
            step => KeystoneCatalog.RegisterAsync(step, Registration(step.Config)));
    }

    /// <summary>The catalog entries go first, while keystone is there to ask.</summary>
    protected override IEnumerable<Phase> BeforeUninstall(ComponentContext ctx, ContainerPlatform platform)
    {
        yield return Phase.On($"{ServiceName}-keystone-registration", FirstMember(ctx.Config).Host, step =>
        {
            if (!step.Component.InstalledComponents.Contains("keystone"))
            {
                step.Component.Log.Information("[{Host}] keystone is not installed: no catalog entries of {Service} to remove", step.Target.Name, ServiceName);
                return Task.CompletedTask;
            }
            return KeystoneCatalog.UnregisterAsync(step, Registration(step.Config));
        });
    }

    /// <summary>The original's check (the volume list) and the scheduler as cinder itself sees it.</summary>
    protected override IEnumerable<ApiCheck> ApiChecks(ClusterConfig config) =>
    [
        new("volumes", ["volume", "list", "-f", "value", "-c", "Name"], []),
        new("volume services", ["volume", "service", "list", "-f", "value", "-c", "Binary"], [Scheduler.Name]),
    ];

    private static bool IsNumberedRelease(string release)
    {
        var parts = release.Split('.');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 2023
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }
}
