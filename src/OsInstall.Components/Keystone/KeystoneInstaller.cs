using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Database;
using OsInstall.Common.Engine;
using OsInstall.Common.Targets;
using OsInstall.Components.OpenStack;

namespace OsInstall.Components.Keystone;

/// <summary>
/// keystone (the original's keystone-install.sh) in the keystone-1..3 containers: code from git at
/// the configured branch, its database through the selected engine, keystone.conf (syslog facility,
/// memcached cache, token provider), bjoern workers keystone-1..N behind haproxy's port 5000,
/// db_sync, fernet and credential keys created in keystone-1 and copied to the others (see
/// <see cref="KeystoneKeys"/> for rotation), bootstrap (admin user, project, role, region, identity
/// endpoints), then through the VIP the service project and the demo project, user and role, and the
/// admin-openrc / user-openrc files on controller-1.
/// </summary>
public sealed class KeystoneInstaller : OpenStackComponent
{
    public const string ServiceName = "keystone";

    /// <summary>keystone's well-known port: haproxy's frontend on the VIP and the identity endpoints.</summary>
    public const int Port = 5000;

    public const string AdminPasswordSecret = "admin_password";
    public const string DemoPasswordSecret = "demo_password";

    public static readonly WsgiApi PublicApi =
        new(ServiceName, "keystone.server.wsgi", "initialize_public_application", IsFactory: true, Port: Port, WorkerBasePort: Port, CheckPath: "/v3");

    private static readonly OpenStackService Definition = Define();

    private readonly Func<ComponentContext, ContainerPlatform>? platformFor;

    public KeystoneInstaller() : this(null)
    {
    }

    /// <param name="databaseEngine">The database engine (default: the one openstack.database selects).</param>
    /// <param name="platform">The container platform (default: the production OVN/rsyslog one).</param>
    public KeystoneInstaller(Func<ClusterConfig, IDatabaseEngine>? databaseEngine, Func<ComponentContext, ContainerPlatform>? platform = null)
        : base(databaseEngine)
    {
        platformFor = platform;
    }

    public override OpenStackService Service => Definition;

    public override int Order => 100;

    public override string Description =>
        "keystone: identity and catalog in bjoern workers, shared fernet/credential keys, bootstrap, admin and demo projects";

    /// <summary>The identity endpoints' URL (bootstrap creates them; public, internal and admin are the same VIP name).</summary>
    public static string IdentityUrl(ClusterConfig config) => KeystoneCatalog.EndpointUrl(config, Port, "/v3/");

    protected override ContainerPlatform Platform(ComponentContext ctx) => platformFor?.Invoke(ctx) ?? base.Platform(ctx);

    protected override IEnumerable<ServiceFile> ConfigFiles(ComponentContext ctx, ContainerMember member)
    {
        yield return new ServiceFile(KeystonePaths.Conf, KeystoneConf.Render(ctx, DatabaseUrls(ctx)), Service.ConfigSpec);
    }

    protected override IEnumerable<Phase> AfterDbSync(ComponentContext ctx, ContainerPlatform platform)
    {
        var service = Service;
        yield return OnFirstMember(ctx, platform, "keystone-keys", async (step, _, container) =>
        {
            foreach (var command in KeystoneKeys.SetupCommands(step.Config, service))
            {
                await container.RunCheckedAsync(command, step.Cancellation);
            }
        });
        var members = ContainerSet.Members(ctx.Config, service.Name);
        var first = members[0];
        var others = members.Skip(1)
            .Select(m => new Step($"keystone-keys-sync@{m.Container}", m.Host, async step =>
            {
                var sourceHost = await step.Component.TargetAsync(first.Host, step.Cancellation);
                var source = ServiceContainers.Quiet(sourceHost, first.Container, platform.Lxc, step.Component.Log, step.Cancellation);
                var destination = ServiceContainers.On(step, m, platform.Lxc);
                await KeystoneKeys.SyncAsync(source, destination, step.Config, service, step.Component.Log, step.Cancellation);
            }))
            .ToList();
        if (others.Count > 0)
        {
            yield return new Phase("keystone-keys-sync", others);
        }
        yield return OnFirstMember(ctx, platform, "keystone-bootstrap", (step, _, container) => KeystoneBootstrap.RunAsync(step, container, service));
    }

    protected override IEnumerable<Phase> AfterRegistration(ComponentContext ctx, ContainerPlatform platform)
    {
        var first = ctx.Config.FirstController.Name;
        yield return Phase.On("keystone-openrc", first, KeystoneProjects.WriteOpenrcAsync);
        yield return Phase.On("keystone-projects", first, KeystoneProjects.EnsureAsync);
    }

    protected override IEnumerable<ApiCheck> ApiChecks(ClusterConfig config) =>
    [
        new("token", ["token", "issue", "-f", "value", "-c", "expires"], []),
        new("projects", ["project", "list", "-f", "value", "-c", "Name"], [KeystoneCatalog.ServiceProject, config.Openstack.DemoProject]),
        new("users", ["user", "list", "-f", "value", "-c", "Name"], [config.Openstack.DemoUser]),
    ];

    private static OpenStackService Define()
    {
        var name = ServiceName;
        return new OpenStackService
        {
            Name = name,
            PipPackages = ["python-memcached"],
            Database = new ServiceDatabase(name, name, "keystone_db_password"),
            Apis = [PublicApi],
            DbSyncCommands = [$"/opt/{name}/bin/keystone-manage db_sync"],
            ExtraSecrets = [AdminPasswordSecret, DemoPasswordSecret],
        };
    }
}
