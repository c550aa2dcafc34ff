using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Database;
using OsInstall.Common.Engine;
using OsInstall.Common.Targets;
using OsInstall.Components.OpenStack;
using OsInstall.Components.Placement;

namespace OsInstall.Components.Glance;

/// <summary>
/// glance (the original's glance-install.sh) in the glance-1..3 containers. Unlike the other APIs,
/// glance-api is not a bjoern worker (the seed: glance runs its own server, with its own worker
/// processes): one OpenRC daemon per container on port 9292, each container a server of haproxy's
/// glance-api frontend. Images live in Ceph (RBD store: pool ceph.glance_pool as client
/// ceph.glance_client, keyring from the secret ceph_glance_key); the image schema file
/// schema-image.json declares the common image properties as the original installs it.
/// Then db sync, and the glance user, image service and endpoints in keystone.
/// </summary>
public sealed class GlanceInstaller : ServiceComponent
{
    public const string ServiceName = "glance";

    /// <summary>glance-api's port: in every container, on haproxy's frontend and in the endpoints.</summary>
    public const int Port = 9292;

    public const string ConfPath = "/etc/glance/glance-api.conf";
    public const string SchemaPath = "/etc/glance/schema-image.json";
    public const string PastePath = "/etc/glance/glance-api-paste.ini";
    public const string ConfTemplate = "Glance/templates/glance-api.conf.sbn";
    public const string SchemaTemplate = "Glance/templates/schema-image.json.sbn";

    /// <summary>The store's id in enabled_backends and its section's name, as the original names it.</summary>
    public const string StoreId = "glance.store.rbd.store";

    /// <summary>What haproxy's health check asks (oslo.middleware's healthcheck in glance's paste pipeline).</summary>
    public const string CheckPath = "/healthcheck";

    /// <summary>The disk formats glance accepts, as the original lists them (its "ploop.root-tar" typo aside: root-tar is a container format).</summary>
    public static readonly IReadOnlyList<string> DiskFormats =
        ["ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop"];

    public static readonly ServiceDaemon Api = new("glance-api", "glance-api", "glance image API (its own server, port 9292)");

    public static readonly KeystoneRegistration Registration =
        new(ServiceName, "glance_password", ServiceName, "image", "OpenStack Image", Port);

    private static readonly OpenStackService Definition = new()
    {
        Name = ServiceName,
        // ceph-common: the rbd tool and librbd; py3-rbd: the python bindings glance_store's RBD driver imports.
        ApkPackages = ["ceph-common", "py3-rbd"],
        PipPackages = ["python-memcached"],
        Database = new ServiceDatabase(ServiceName, ServiceName, "glance_db_password"),
        Daemons = [Api.Name],
        DbSyncCommands = [$"/opt/{ServiceName}/bin/glance-manage db_sync"],
        Registration = Registration,
        ExtraSecrets = ["ceph_glance_key"],
    };

    public GlanceInstaller() : this(null)
    {
    }

    /// <param name="databaseEngine">The database engine (default: the one openstack.database selects).</param>
    /// <param name="platform">The container platform (default: the production OVN/rsyslog one).</param>
    public GlanceInstaller(Func<ClusterConfig, IDatabaseEngine>? databaseEngine, Func<ComponentContext, ContainerPlatform>? platform = null)
        : base(databaseEngine, platform)
    {
    }

    public override OpenStackService Service => Definition;

    public override int Order => 110;

    public override string Description =>
        "glance: image API (its own server, port 9292) with the Ceph RBD store, behind haproxy";

    /// <summary>The glance client of the configured Ceph cluster.</summary>
    public static CephServiceClient Ceph(ClusterConfig config) => new(config.Ceph.GlanceClient, "ceph_glance_key");

    /// <summary>One frontend on port 9292 over the glance-api of every container.</summary>
    public override IEnumerable<ServiceBackend> Backends(ClusterConfig config) => [Api.Backend(config, ServiceName, Port, CheckPath)];

    public string RenderConf(ComponentContext ctx) => RenderConf(ctx, DatabaseUrls(ctx));

    public static string RenderConf(ComponentContext ctx, DatabaseUrls urls) =>
        ctx.Render(ConfTemplate, new
        {
            Facility = SyslogFacility.For(ctx.Config, ServiceName),
            Port,
            Workers = ctx.Config.Openstack.BjoernWorkers,
            StoreId,
            Authtoken = ServiceAuthtoken.For(ctx, Registration),
            Connection = urls.Connection,
            SlaveConnection = urls.SlaveConnection,
            DiskFormats = string.Join(',', DiskFormats),
        });

    public static string RenderSchema(ComponentContext ctx) => ctx.Render(SchemaTemplate);

    protected override IEnumerable<ServiceFile> ConfigFiles(ComponentContext ctx, ContainerMember member)
    {
        var service = Service;
        yield return new ServiceFile(ConfPath, RenderConf(ctx), service.ConfigSpec);
        yield return new ServiceFile(SchemaPath, RenderSchema(ctx), service.ConfigSpec);
        foreach (var file in Ceph(ctx.Config).Files(ctx, service))
        {
            yield return file;
        }
        yield return Api.File(ctx, service, [ConfPath]);
    }

    /// <summary>glance's paste pipeline from its source tree, and the Ceph bindings in the venv.</summary>
    protected override async Task ProvisionExtraAsync(ComponentContext ctx, ITarget container, CancellationToken ct)
    {
        await container.RunCheckedAsync(SourceFiles.CopyCommand(Service, "etc/glance-api-paste.ini", PastePath), ct).ConfigureAwait(false);
        await container.RunCheckedAsync(CephServiceClient.LinkBindingsCommand(Service), ct).ConfigureAwait(false);
    }

    /// <summary>The original's check: the image list through the VIP.</summary>
    protected override IEnumerable<ApiCheck> ApiChecks(ClusterConfig config) =>
    [
        new("images", ["image", "list", "-f", "value", "-c", "Name"], []),
    ];
}
