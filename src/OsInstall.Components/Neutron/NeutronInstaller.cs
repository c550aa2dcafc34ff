using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Database;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Common.Targets;
using OsInstall.Components.Glance;
using OsInstall.Components.OpenStack;
using OsInstall.Components.Ovn;
using OsInstall.Components.Placement;

namespace OsInstall.Components.Neutron;

/// <summary>
/// neutron (the original's neutron-install.sh) in the neutron-1..3 containers: neutron-server with
/// the ML2 plugin and the OVN mechanism driver. Like glance-api, and unlike the other APIs, the
/// server is not a bjoern worker: one OpenRC daemon per container on port 9696 (its own API and
/// RPC workers), each container a server of haproxy's neutron-server frontend. neutron.conf (rabbitmq
/// transport, keystone, the nova user for port notifications) and ml2_conf.ini (geneve tenant
/// networks, the flat provider network, the OVN NB/SB raft clusters of the controllers), the
/// rootwrap and sudoers rule the original installs (the compute nodes take the rootwrap files with
/// neutron's packages), the schema migrations, and the neutron user, network service and endpoints
/// in keystone.
/// </summary>
public sealed class NeutronInstaller : ServiceComponent
{
    public const string ServiceName = "neutron";

    /// <summary>neutron-server's port: in every container, on haproxy's frontend and in the endpoints.</summary>
    public const int Port = 9696;

    public const string ConfPath = "/etc/neutron/neutron.conf";
    public const string Ml2ConfPath = "/etc/neutron/plugins/ml2/ml2_conf.ini";
    public const string PastePath = "/etc/neutron/api-paste.ini";
    public const string RootwrapConfPath = "/etc/neutron/rootwrap.conf";
    public const string RootwrapFiltersDir = "/etc/neutron/rootwrap.d";
    public const string SudoersPath = "/etc/sudoers.d/neutron_sudoers";
    public const string ConfTemplate = "Neutron/templates/neutron.conf.sbn";
    public const string Ml2ConfTemplate = "Neutron/templates/ml2_conf.ini.sbn";
    public const string RootwrapTemplate = "Neutron/templates/rootwrap.conf.sbn";
    public const string SudoersTemplate = "Neutron/templates/neutron_sudoers.sbn";

    public const string PasswordSecret = "neutron_password";

    /// <summary>The nova service user neutron-server notifies of port changes (created by the nova component).</summary>
    public const string NovaUser = "nova";

    public const string NovaPasswordSecret = "nova_password";

    /// <summary>What haproxy's health check asks: neutron's API root answers the version list without a token.</summary>
    public const string CheckPath = "/";

    /// <summary>The original's ML2 choices: OVN for every port, geneve overlays for tenant networks.</summary>
    public static readonly IReadOnlyList<string> TypeDrivers = ["local", "flat", "vlan", "geneve"];

    public static readonly IReadOnlyList<string> TenantNetworkTypes = ["geneve"];

    public static readonly IReadOnlyList<string> MechanismDrivers = ["ovn"];

    public static readonly IReadOnlyList<string> ExtensionDrivers = ["port_security"];

    /// <summary>L3 in OVN itself (routers, floating IPs), as the original.</summary>
    public static readonly IReadOnlyList<string> ServicePlugins = ["ovn-router"];

    public const string GeneveVniRanges = "1:65536";

    public static readonly ServiceDaemon Server = new("neutron-server", "neutron-server", "neutron network API and ML2/OVN plugin (its own server, port 9696)");

    public static readonly KeystoneRegistration Registration =
        new(ServiceName, PasswordSecret, ServiceName, "network", "OpenStack Networking", Port);

    private static readonly OpenStackService Definition = new()
    {
        Name = ServiceName,
        // sudo: neutron-rootwrap runs through it.
        ApkPackages = ["sudo"],
        PipPackages = ["python-memcached"],
        Database = new ServiceDatabase(ServiceName, ServiceName, "neutron_db_password"),
        Daemons = [Server.Name],
        // alembic stops at the heads already applied: safe to repeat.
        DbSyncCommands = [$"/opt/{ServiceName}/bin/neutron-db-manage --config-file {ConfPath} --config-file {Ml2ConfPath} upgrade heads"],
        Registration = Registration,
        ExtraSecrets = [ClusterEndpoints.RabbitmqPasswordSecret, NovaPasswordSecret],
    };

    public NeutronInstaller() : this(null)
    {
    }

    /// <param name="databaseEngine">The database engine (default: the one openstack.database selects).</param>
    /// <param name="platform">The container platform (default: the production OVN/rsyslog one).</param>
    public NeutronInstaller(Func<ClusterConfig, IDatabaseEngine>? databaseEngine, Func<ComponentContext, ContainerPlatform>? platform = null)
        : base(databaseEngine, platform)
    {
    }

    public override OpenStackService Service => Definition;

    public override int Order => 140;

    public override string Description =>
        "neutron: network API (neutron-server, port 9696) with ML2/OVN on the OVN raft cluster, behind haproxy";

    /// <summary>One frontend on port 9696 over the neutron-server of every container.</summary>
    public override IEnumerable<ServiceBackend> Backends(ClusterConfig config) => [Server.Backend(config, ServiceName, Port, CheckPath)];

    public string RenderConf(ComponentContext ctx) => RenderConf(ctx, DatabaseUrls(ctx));

    public static string RenderConf(ComponentContext ctx, DatabaseUrls urls) =>
        ctx.Render(ConfTemplate, new
        {
            Facility = SyslogFacility.For(ctx.Config, ServiceName),
            Port,
            Workers = ctx.Config.Openstack.BjoernWorkers,
            StateDir = Definition.StateDir,
            ServicePlugins = string.Join(',', ServicePlugins),
            TransportUrl = OsloValue.Escape(ClusterEndpoints.TransportUrl(ctx.Config, ctx.Secrets)),
            Rootwrap = Definition.Tool("neutron-rootwrap"),
            RootwrapConf = RootwrapConfPath,
            Authtoken = ServiceAuthtoken.For(ctx, Registration),
            NovaUser,
            NovaPassword = OsloValue.Escape(ctx.Secrets.Get(NovaPasswordSecret)),
            Connection = urls.Connection,
            SlaveConnection = urls.SlaveConnection,
            Ml2Conf = Ml2ConfPath,
        });

    /// <summary>ml2_conf.ini: the OVN databases are every controller's NB/SB client port, as the ovn component serves them.</summary>
    public static string RenderMl2Conf(ComponentContext ctx)
    {
        var ovn = OvnSettings.FromConfig(ctx.Config);
        return ctx.Render(Ml2ConfTemplate, new
        {
            TypeDrivers = string.Join(',', TypeDrivers),
            TenantNetworkTypes = string.Join(',', TenantNetworkTypes),
            MechanismDrivers = string.Join(',', MechanismDrivers),
            ExtensionDrivers = string.Join(',', ExtensionDrivers),
            PhysicalNetwork = OvnTopologyNames.ProviderPhysicalNetwork,
            VniRanges = GeneveVniRanges,
            NbConnection = ovn.NbConnection,
            SbConnection = ovn.SbConnection,
            // bind runs on every controller: the resolvers OVN's DHCP hands to instances
            DnsServers = string.Join(',', ctx.Config.Controllers.Select(c => c.Address)),
        });
    }

    public static string RenderRootwrapConf(ComponentContext ctx) =>
        ctx.Render(RootwrapTemplate, new { FiltersDir = RootwrapFiltersDir, VenvBin = Definition.VenvBin });

    public static string RenderSudoers(ComponentContext ctx) =>
        ctx.Render(SudoersTemplate, new { Definition.User, Rootwrap = Definition.Tool("neutron-rootwrap"), RootwrapConf = RootwrapConfPath });

    /// <summary>The config files neutron-server reads, in order (and the ones its init script requires).</summary>
    public static IReadOnlyList<string> ServerConfigFiles { get; } = [ConfPath, Ml2ConfPath];

    protected override IEnumerable<ServiceFile> ConfigFiles(ComponentContext ctx, ContainerMember member)
    {
        var service = Service;
        yield return new ServiceFile(ConfPath, RenderConf(ctx), service.ConfigSpec);
        yield return new ServiceFile(Ml2ConfPath, RenderMl2Conf(ctx), service.ConfigSpec);
        // Read by neutron-rootwrap as root through sudo: root's alone to change.
        yield return new ServiceFile(RootwrapConfPath, RenderRootwrapConf(ctx), new FileSpec("0644"));
        yield return new ServiceFile(SudoersPath, RenderSudoers(ctx), new FileSpec("0440"));
        yield return Server.File(ctx, service, ServerConfigFiles);
    }

    /// <summary>neutron's paste pipeline and every rootwrap filter of its source tree (root-owned: rootwrap trusts them).</summary>
    protected override async Task ProvisionExtraAsync(ComponentContext ctx, ITarget container, CancellationToken ct)
    {
        await container.RunCheckedAsync(SourceFiles.CopyCommand(Service, "etc/api-paste.ini", PastePath), ct).ConfigureAwait(false);
        await container.RunCheckedAsync(RootwrapFilters.CopyCommand(Service, RootwrapFiltersDir), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The original's check (the agent list: ovn-controller of the controllers' chassis, as ML2/OVN
    /// reports them) and the extensions that show ML2/OVN and its L3 plugin loaded.
    /// </summary>
    protected override IEnumerable<ApiCheck> ApiChecks(ClusterConfig config) =>
    [
        new("agents", ["network", "agent", "list", "-f", "value", "-c", "Binary"], ["ovn-controller"]),
        new("extensions", ["extension", "list", "--network", "-f", "value", "-c", "Alias"], ["router", "security-group", "port-security"]),
    ];
}
