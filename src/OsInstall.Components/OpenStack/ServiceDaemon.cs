using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Components.OpenStack;

/// <summary>
/// A service program that runs its own server or loop (glance-api, cinder-scheduler), not a bjoern
/// worker: one OpenRC service /etc/init.d/&lt;Name&gt; in every container of the set, the venv's
/// console script <see cref="Tool"/> in the foreground under supervise-daemon, as the service
/// account, with the service's config files. Listed in <see cref="OpenStackService.Daemons"/>, so
/// the mechanism starts, restarts and checks it with the workers.
/// </summary>
/// <param name="Name">OpenRC service name (glance-api, cinder-scheduler).</param>
/// <param name="Tool">Console script in the service's venv.</param>
/// <param name="Description">What the service is, for rc-status.</param>
public sealed record ServiceDaemon(string Name, string Tool, string Description)
{
    public const string Template = "OpenStack/templates/service-daemon.initd.sbn";

    public string InitScript => $"{WsgiWorkers.InitDir}/{Name}";

    /// <summary>The init script, reading exactly <paramref name="configFiles"/> (each also a required file).</summary>
    public ServiceFile File(ComponentContext ctx, OpenStackService service, IReadOnlyList<string> configFiles) =>
        new(InitScript, Render(ctx, service, configFiles), FileSpec.Executable);

    /// <summary>
    /// A daemon that serves an API itself (glance-api, neutron-server): one haproxy frontend on
    /// <paramref name="port"/> whose servers are the daemon of every container of the set, each on the same port.
    /// </summary>
    public ServiceBackend Backend(ClusterConfig config, string set, int port, string checkPath) =>
        new(Name, port,
            ContainerSet.BackendServers(config, set, port),
            BackendMode.Http, checkPath);

    public string Render(ComponentContext ctx, OpenStackService service, IReadOnlyList<string> configFiles) =>
        ctx.Render(Template, new
        {
            Name,
            Component = service.Name,
            Description = Sh.Quote(Description),
            Command = Sh.Quote(service.Tool(Tool)),
            Args = Sh.Quote(string.Join(' ', configFiles.Select(f => $"--config-file {f}"))),
            Owner = Sh.Quote($"{service.User}:{service.Group}"),
            StateDir = Sh.Quote(service.StateDir),
            RequiredFiles = Sh.Quote(string.Join(' ', configFiles)),
        });
}
