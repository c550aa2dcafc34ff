using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Database;
using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Components.OpenStack;

/// <summary>
/// An OpenStack service in its container set, the common shape of the original's
/// keystone-, glance-, placement-, nova-install.sh. A service component derives from this,
/// describes itself in <see cref="Service"/>, renders its config files in <see cref="ConfigFiles"/>
/// and adds its own phases through the hooks. Install phases, in order:
/// <list type="number">
/// <item>the container set: &lt;name&gt;-1 is provisioned (apk packages, git clone at
/// versions.openstack_git_branch, venv + pip install -c versions.upper_constraints_url, service
/// account and directories), snapshotted, and cloned to &lt;name&gt;-2/3;</item>
/// <item>database: the service's database and owner through the selected <see cref="IDatabaseEngine"/>;</item>
/// <item>config, per member: config files, bjoern runners and worker services (restart marker when changed);</item>
/// <item>db-sync, on member 1: <see cref="OpenStackService.DbSyncCommands"/> as the service account;</item>
/// <item><see cref="AfterDbSync"/> (keystone: keys and bootstrap);</item>
/// <item>start, per member: every worker and daemon enabled and running with the config on disk;</item>
/// <item><see cref="HaproxyRefresh"/>: haproxy regenerated from the installed components' backends;</item>
/// <item>keystone registration on controller-1 (<see cref="KeystoneCatalog"/>), when <see cref="OpenStackService.Registration"/> is set;</item>
/// <item><see cref="AfterRegistration"/> (keystone: projects, users, roles; nova: cells ...).</item>
/// </list>
/// Uninstall: <see cref="BeforeUninstall"/>, the keystone entries (while keystone is installed),
/// the container set, the database, the haproxy refresh.
/// </summary>
public abstract class OpenStackComponent : IComponent
{
    private readonly Func<ClusterConfig, IDatabaseEngine> engineFor;
    private readonly bool defaultEngine;

    /// <param name="databaseEngine">The database engine (tests give a fake); default: the one the config selects.</param>
    protected OpenStackComponent(Func<ClusterConfig, IDatabaseEngine>? databaseEngine)
    {
        engineFor = databaseEngine ?? DatabaseEngines.For;
        defaultEngine = databaseEngine is null;
    }

    /// <summary>What the service is (data only; see <see cref="OpenStackService"/>).</summary>
    public abstract OpenStackService Service { get; }

    public string Name => Service.Name;

    public abstract int Order { get; }

    public abstract string Description { get; }

    /// <summary>The controllers: every container of the set runs on one of them.</summary>
    public virtual IReadOnlyList<string> Hosts(ClusterConfig config) => config.Controllers.Select(c => c.Name).ToList();

    public virtual IEnumerable<string> RequiredSecrets(ClusterConfig config)
    {
        var secrets = new List<string>();
        if (Service.Databases.Count > 0)
        {
            secrets.AddRange(Service.Databases.Select(d => d.PasswordSecret));
            var engine = TryEngine(config);
            if (engine is not null)
            {
                secrets.AddRange(DatabaseEngines.SecretsOf(engine, config));
            }
        }
        if (Service.Registration is { } reg)
        {
            secrets.Add(reg.PasswordSecret);
        }
        secrets.AddRange(Service.ExtraSecrets);
        return secrets.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>One haproxy frontend per bjoern API over every (container x worker); override to add a non-WSGI API.</summary>
    public virtual IEnumerable<ServiceBackend> Backends(ClusterConfig config) =>
        Service.Apis.Select(a => a.Backend(config, Service.Name)).ToList();

    /// <summary>The config files of one member's container (same paths on every member; content may differ per member).</summary>
    protected abstract IEnumerable<ServiceFile> ConfigFiles(ComponentContext ctx, ContainerMember member);

    /// <summary>More provisioning inside &lt;name&gt;-1 before its snapshot (after code, account and directories).</summary>
    protected virtual Task ProvisionExtraAsync(ComponentContext ctx, ITarget container, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Phases after db sync, before the services start.</summary>
    protected virtual IEnumerable<Phase> AfterDbSync(ComponentContext ctx, ContainerPlatform platform) => [];

    /// <summary>Phases after the keystone registration (the API answers through the VIP by now).</summary>
    protected virtual IEnumerable<Phase> AfterRegistration(ComponentContext ctx, ContainerPlatform platform) => [];

    /// <summary>Phases first in uninstall, while the service still runs.</summary>
    protected virtual IEnumerable<Phase> BeforeUninstall(ComponentContext ctx, ContainerPlatform platform) => [];

    /// <summary>The health checks through the API on controller-1.</summary>
    protected virtual IEnumerable<ApiCheck> ApiChecks(ClusterConfig config) => [];

    /// <summary>The platform the set runs on (tests may give their own); a dry run plans ports the OVN database cannot give yet.</summary>
    protected virtual ContainerPlatform Platform(ComponentContext ctx)
    {
        var platform = ContainerPlatforms.For(ctx);
        return ctx.DryRun ? platform with { Network = DryRunStandIns.Network(platform.Network, ctx.Log) } : platform;
    }

    /// <summary>The database engine; a dry run without a registered engine component plans with a stand-in.</summary>
    protected IDatabaseEngine Engine(ComponentContext ctx) =>
        ctx.DryRun && defaultEngine && TryEngine(ctx.Config) is null ? DryRunStandIns.DatabaseEngine(ctx.Log) : engineFor(ctx.Config);

    public IEnumerable<Phase> Install(ComponentContext ctx)
    {
        var service = Service;
        service.CheckWorkerPorts(ctx.Config);
        var platform = Platform(ctx);
        var first = FirstMember(ctx.Config);

        foreach (var phase in ContainerSet.Phases(ctx, platform, service.Name,
                     container => ProvisionAsync(ctx, ServiceContainers.Quiet(container, platform.Lxc, ctx.Log, CancellationToken.None))))
        {
            yield return phase;
        }
        if (service.Databases.Count > 0)
        {
            yield return Phase.On($"{service.Name}-database", first.Host, async step =>
            {
                foreach (var db in service.Databases)
                {
                    await Engine(step.Component).EnsureDatabaseAsync(step, db).ConfigureAwait(false);
                }
            });
        }
        yield return PerMember(ctx, platform, $"{service.Name}-config", ConfigureAsync);
        if (service.DbSyncCommands.Count > 0)
        {
            yield return OnFirstMember(ctx, platform, $"{service.Name}-db-sync", async (step, _, container) =>
            {
                foreach (var command in service.DbSyncCommands)
                {
                    await container.RunCheckedAsync(ServiceAccount.AsService(service, command), step.Cancellation);
                }
            });
        }
        foreach (var phase in AfterDbSync(ctx, platform))
        {
            yield return phase;
        }
        yield return PerMember(ctx, platform, $"{service.Name}-start", (step, _, container) =>
            container.RunCheckedAsync(ServiceStart.StartCommand(service.Services(step.Config), service), step.Cancellation));
        foreach (var phase in HaproxyRefresh.Phases(ctx, this, removing: false))
        {
            yield return phase;
        }
        if (service.Registration is { } registration)
        {
            yield return Phase.On($"{service.Name}-keystone-registration", first.Host, step => KeystoneCatalog.RegisterAsync(step, registration));
        }
        foreach (var phase in AfterRegistration(ctx, platform))
        {
            yield return phase;
        }
    }

    public IEnumerable<Phase> Uninstall(ComponentContext ctx)
    {
        var service = Service;
        var platform = Platform(ctx);
        var first = FirstMember(ctx.Config);
        foreach (var phase in BeforeUninstall(ctx, platform))
        {
            yield return phase;
        }
        if (service.Registration is { } registration)
        {
            yield return Phase.On($"{service.Name}-keystone-registration", first.Host, step =>
            {
                if (!step.Component.InstalledComponents.Contains("keystone"))
                {
                    step.Component.Log.Information("[{Host}] keystone is not installed: no catalog entries of {Service} to remove", step.Target.Name, service.Name);
                    return Task.CompletedTask;
                }
                return KeystoneCatalog.UnregisterAsync(step, registration);
            });
        }
        foreach (var phase in ContainerSet.UninstallPhases(ctx, platform, service.Name))
        {
            yield return phase;
        }
        if (service.Databases.Count > 0)
        {
            // The extra databases first: an owner shared by several (nova) goes with the last one.
            yield return Phase.On($"{service.Name}-database", first.Host, async step =>
            {
                foreach (var db in service.Databases.Reverse())
                {
                    await Engine(step.Component).DropDatabaseAsync(step, db).ConfigureAwait(false);
                }
            });
        }
        foreach (var phase in HaproxyRefresh.Phases(ctx, this, removing: true))
        {
            yield return phase;
        }
    }

    /// <summary>
    /// Every member's services running (rc-service status in each container), then each
    /// <see cref="ApiChecks"/> command through the VIP from controller-1.
    /// </summary>
    public virtual async Task<HealthReport> VerifyAsync(ComponentContext ctx, CancellationToken ct)
    {
        var checks = new List<HealthCheck>();
        var lxc = Platform(ctx).Lxc;
        foreach (var member in ContainerSet.Members(ctx.Config, Service.Name))
        {
            var host = await ctx.TargetAsync(member.Host, ct).ConfigureAwait(false);
            var container = ServiceContainers.Quiet(host, member.Container, lxc, ctx.Log, ct);
            foreach (var service in Service.Services(ctx.Config))
            {
                var status = await container.RunAsync(Sh.Join("rc-service", service, "status"), ct).ConfigureAwait(false);
                checks.Add(new HealthCheck(member.Container, $"{service} running", status.Succeeded, FirstLine(status)));
            }
        }
        var first = await ctx.TargetAsync(FirstMember(ctx.Config).Host, ct).ConfigureAwait(false);
        foreach (var check in ApiChecks(ctx.Config))
        {
            var result = await first.RunAsync(OpenStackCli.Admin([.. check.Args]), ct).ConfigureAwait(false);
            var lines = result.StdOut.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var missing = check.Expect.Where(e => !lines.Contains(e, StringComparer.Ordinal)).ToList();
            var ok = result.Succeeded && missing.Count == 0;
            var detail = !result.Succeeded ? FirstLine(result) : missing.Count > 0 ? $"missing: {string.Join(", ", missing)}" : "ok";
            checks.Add(new HealthCheck(first.Name, $"openstack {string.Join(' ', check.Args)}", ok, detail));
        }
        return HealthReport.From(checks);
    }

    /// <summary>The database URLs of the service's [database] section (connection, slave_connection).</summary>
    protected DatabaseUrls DatabaseUrls(ComponentContext ctx) =>
        Engine(ctx).Urls(ctx.Config, ctx.Secrets,
            Service.Database ?? throw new InvalidOperationException($"{Service.Name} has no database"));

    /// <summary>The database URLs of another of the service's databases (nova's [api_database]).</summary>
    protected DatabaseUrls DatabaseUrls(ComponentContext ctx, ServiceDatabase database) =>
        Engine(ctx).Urls(ctx.Config, ctx.Secrets, database);

    /// <summary>One step per member, on its controller, with that member's container as a (quiet) target.</summary>
    protected Phase PerMember(ComponentContext ctx, ContainerPlatform platform, string name,
        Func<StepContext, ContainerMember, ITarget, Task> action) =>
        new(name, ContainerSet.Members(ctx.Config, Service.Name)
            .Select(m => new Step($"{name}@{m.Container}", m.Host, step => action(step, m, ServiceContainers.On(step, m, platform.Lxc))))
            .ToList());

    /// <summary>One step on member 1's controller with member 1's container.</summary>
    protected Phase OnFirstMember(ComponentContext ctx, ContainerPlatform platform, string name, Func<StepContext, ContainerMember, ITarget, Task> action)
    {
        var m = FirstMember(ctx.Config);
        return new Phase(name, [new Step($"{name}@{m.Container}", m.Host, step => action(step, m, ServiceContainers.On(step, m, platform.Lxc)))]);
    }

    protected ContainerMember FirstMember(ClusterConfig config) => ContainerSet.Members(config, Service.Name)[0];

    private async Task ProvisionAsync(ComponentContext ctx, ITarget container)
    {
        var service = Service;
        var ct = CancellationToken.None;
        await container.RunCheckedAsync(OpenStackPackages.AddPackagesCommand(ctx.Config, service), ct).ConfigureAwait(false);
        await container.RunCheckedAsync(OpenStackPackages.InstallCommand(ctx.Config, service), ct).ConfigureAwait(false);
        await container.RunCheckedAsync(ServiceAccount.EnsureCommand(service), ct).ConfigureAwait(false);
        await container.RunCheckedAsync(ServiceAccount.DirectoriesCommand(service), ct).ConfigureAwait(false);
        await ProvisionExtraAsync(ctx, container, ct).ConfigureAwait(false);
    }

    private async Task ConfigureAsync(StepContext step, ContainerMember member, ITarget container)
    {
        var service = Service;
        var ct = step.Cancellation;
        var configFiles = ConfigFiles(step.Component, member).ToList();
        var required = configFiles.Where(f => f.Path.StartsWith(service.ConfigDir + "/", StringComparison.Ordinal)).Select(f => f.Path).ToList();
        var changed = false;
        foreach (var file in configFiles.Concat(WsgiWorkers.Files(step.Component.Templates, step.Config, service, required)))
        {
            changed |= await container.WriteFileAsync(file.Path, file.Content, file.Spec, ct).ConfigureAwait(false);
        }
        foreach (var api in service.Apis)
        {
            await container.RunCheckedAsync(WsgiWorkers.RemoveSurplusCommand(step.Config, api), ct).ConfigureAwait(false);
        }
        if (changed)
        {
            await container.RunCheckedAsync(ServiceStart.MarkCommand(service), ct).ConfigureAwait(false);
        }
    }

    private IDatabaseEngine? TryEngine(ClusterConfig config)
    {
        try
        {
            return engineFor(config);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string FirstLine(CommandResult result)
    {
        var text = string.IsNullOrWhiteSpace(result.StdErr) ? result.StdOut : result.StdErr;
        var line = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return result.Succeeded ? (line.Length == 0 ? "ok" : line) : $"exit {result.ExitCode}: {line}";
    }
}
