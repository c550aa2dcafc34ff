using OsInstall.Common.Alpine;
using OsInstall.Common.Config;
using OsInstall.Common.Database;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Common.Ovn;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;
using OsInstall.Components.Cinder;
using OsInstall.Components.OpenStack;
using OsInstall.Components.Ovn;
using OsInstall.Components.Placement;

namespace OsInstall.Components.Compute;

/// <summary>
/// The node's OpenStack config files, init scripts, sudoers and logrotate files, and the services
/// started (restarted when one of their files changed).
/// </summary>
internal static class NodeConfigs
{
    public const string OvsdbTcpRemote = "ptcp:6640:127.0.0.1";

    /// <summary>
    /// Every value the config templates use, for the node <paramref name="node"/>. They are all
    /// oslo.config files: secrets are escaped for it (a '$' doubled, or oslo.config would read it as
    /// a reference to another option).
    /// </summary>
    public static object Model(ComponentContext ctx, HostEntry node)
    {
        var config = ctx.Config;
        var secrets = ctx.Secrets;
        var db = DatabaseEngines.For(config).Urls(config, secrets, CinderInstaller.Database);
        return new
        {
            NodeName = node.Name,
            NodeAddress = node.Address,
            TransportUrl = OsloValue.Escape(ClusterEndpoints.TransportUrl(config, secrets)),
            ApiHost = ClusterEndpoints.ApiHost(config),
            MemcachedServers = string.Join(',', ClusterEndpoints.MemcachedServers(config)),
            // oslo.config reads "$name" as a substitution: a literal '$' of a password is written "$$".
            NovaPassword = OsloValue.Escape(secrets.Get("nova_password")),
            NeutronPassword = OsloValue.Escape(secrets.Get("neutron_password")),
            PlacementPassword = OsloValue.Escape(secrets.Get("placement_password")),
            CinderPassword = OsloValue.Escape(secrets.Get("cinder_password")),
            MetadataProxySecret = OsloValue.Escape(secrets.Get("metadata_proxy_secret")),
            DatabaseConnection = db.Connection,
            DatabaseSlaveConnection = db.SlaveConnection ?? "",
            OvsSocket = OvnSettings.FromConfig(config).OvsSocket,
            OvnNbConnection = OvnConnections.Northbound(config),
            OvnSbConnection = OvnConnections.Southbound(config),
        };
    }

    /// <summary>Path -> (template, owner group) of every config file, per daemon.</summary>
    public static IReadOnlyDictionary<NodeService, IReadOnlyList<(string Path, string Template)>> Files { get; } =
        new Dictionary<NodeService, IReadOnlyList<(string, string)>>
        {
            [NodeService.NovaCompute] = [("/etc/nova/nova.conf", ComputeTemplates.NovaConf), ("/etc/nova/nova-compute.conf", ComputeTemplates.NovaComputeConf)],
            [NodeService.MetadataAgent] = [("/etc/neutron/neutron.conf", ComputeTemplates.NeutronConf), ("/etc/neutron/neutron_ovn_metadata_agent.ini", ComputeTemplates.MetadataAgentIni)],
            [NodeService.CinderVolume] = [("/etc/cinder/cinder.conf", ComputeTemplates.CinderConf)],
        };

    public static string InitScript(ComponentContext ctx, NodeService service)
    {
        var log = $"{service.LogDir}/{service.Daemon}";
        return ctx.Render(ComputeTemplates.InitScript, new
        {
            service.Description,
            DescriptionQuoted = Sh.Quote(service.Description),
            Command = Sh.Quote($"/opt/{service.Project}/bin/{service.Daemon}"),
            // OpenRC evaluates command_args once more when it starts the daemon: joined, then quoted.
            Args = Sh.Quote(Sh.Join([.. service.ConfigFiles.Select(f => $"--config-file={f}"), $"--log-file={log}.log"])),
            User = Sh.Quote($"{service.User}:{service.User}"),
            SuperviseArgs = Sh.Quote(Sh.Join("--stdout", $"{log}.out", "--stderr", $"{log}.err")),
            RequiredFiles = Sh.Quote(string.Join(' ', service.ConfigFiles)),
            Directory = Sh.Quote(service.StateDir),
            service.Needs,
            OvsdbTcpRemote = service.OvsdbTcpRemote ? OvsdbTcpRemote : "",
        });
    }

    public static string Sudoers(ComponentContext ctx, string project) => ctx.Render(ComputeTemplates.Sudoers, new { Service = project });

    public static string Logrotate(ComponentContext ctx, NodeService service) =>
        ctx.Render(ComputeTemplates.Logrotate, new { Service = service.Daemon, LogDir = service.Project });

    public static async Task InstallAsync(StepContext s)
    {
        var ctx = s.Component;
        var node = s.Config.ComputeNodes.First(n => n.Name == s.Target.Name);
        var model = Model(ctx, node);
        // One batch of writes per service (the sudoers files go with the first), then one command
        // that enables and (re)starts it: two round trips per service, files in the same order.
        var sudoers = NodeService.Projects.Select(p => new FileWrite($"{ComputePaths.SudoersDir}/{p}", Sudoers(ctx, p), new FileSpec("0440")));
        var first = true;
        foreach (var service in NodeService.All)
        {
            var configs = Files[service].Select(f => new FileWrite(f.Path, ctx.Render(f.Template, model), new FileSpec("0640", "root", service.Project))).ToList();
            List<FileWrite> batch =
            [
                .. first ? sudoers : [],
                .. configs,
                new FileWrite(service.InitScript, InitScript(ctx, service), FileSpec.Executable),
                new FileWrite($"{ComputePaths.LogrotateDir}/{service.Daemon}", Logrotate(ctx, service)),
            ];
            var offset = first ? NodeService.Projects.Count : 0;
            first = false;
            var written = await s.WriteAll(batch);
            // The config files and the init script decide a restart; sudoers and logrotate do not.
            var changed = written.Skip(offset).Take(configs.Count + 1).Any(c => c);
            await s.Run(new OpenRcService(service.Daemon).EnableAndRun(changed));
        }
    }

    public static async Task StopAsync(StepContext s)
    {
        foreach (var service in NodeService.All.Reverse())
        {
            await s.Run(new OpenRcService(service.Daemon).StopAndDisable);
        }
    }

    public static async Task RemoveAsync(StepContext s)
    {
        await s.Run(Sh.Join(["rm", "-f",
            .. NodeService.All.Select(x => x.InitScript),
            .. NodeService.All.Select(x => $"{ComputePaths.LogrotateDir}/{x.Daemon}"),
            .. NodeService.Projects.Select(p => $"{ComputePaths.SudoersDir}/{p}")]));
        // What the tarballs brought: each service's virtualenv (code and commands) and its rootwrap files.
        await s.Run(Sh.Join(["rm", "-rf",
            .. NodeService.Projects.Select(p => $"/opt/{p}"),
            .. NodeService.Projects.SelectMany(p => new[] { $"/etc/{p}/rootwrap.conf", $"/etc/{p}/rootwrap.d" })]));
    }
}
