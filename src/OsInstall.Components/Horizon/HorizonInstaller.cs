using System.Globalization;
using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;
using OsInstall.Components.OpenStack;
using OsInstall.Components.Placement;

namespace OsInstall.Components.Horizon;

/// <summary>
/// horizon, the OpenStack dashboard (the original's horizon-install.sh), in the horizon-1..3
/// containers: code from git at the configured branch with the upper constraints, Django's
/// local_settings.py (keystone through the VIP name, sessions in memcached, the signing key from
/// the secret horizon_secret_key in a file of its own), the static files collected and compressed
/// once per container build, the dashboard's WSGI application in bjoern workers horizon-1..N on
/// 127.0.0.1:5001.., and nginx in front of them on port 80 serving /static itself. haproxy
/// balances the VIP's port 80 over the three nginx. No database and no catalog entry: the
/// dashboard is a keystone client, not a service of the catalog.
/// </summary>
public sealed class HorizonInstaller : ServiceComponent
{
    public const string ServiceName = "horizon";

    /// <summary>The dashboard's port: nginx in every container and haproxy's frontend on the VIP.</summary>
    public const int DashboardPort = 80;

    public const string SettingsPath = "/etc/horizon/local_settings.py";
    public const string SecretKeyPath = "/etc/horizon/secret_key";
    public const string SecretKeySecret = "horizon_secret_key";

    /// <summary>The login page: haproxy's check of each nginx and the health check through the VIP.</summary>
    public const string LoginPath = "/auth/login/";

    /// <summary>nginx (Alpine's package and init script): started, restarted and checked with the workers.</summary>
    public const string Nginx = "nginx";

    /// <summary>
    /// openstack_dashboard.wsgi.application (built at import) in bjoern; worker n on 5000 + n, as the
    /// original numbers them. Reached only by the container's nginx: <see cref="Backends"/> names nginx.
    /// </summary>
    public static readonly WsgiApi Api =
        new(ServiceName, "openstack_dashboard.wsgi", "application", IsFactory: false, Port: DashboardPort, WorkerBasePort: 5000, CheckPath: LoginPath);

    internal static readonly OpenStackService Definition = new()
    {
        Name = ServiceName,
        ApkPackages = [Nginx],
        // Django's memcached backend for pymemcache (python-memcached's backend left Django in 4.1).
        PipPackages = ["pymemcache"],
        Database = null,
        Apis = [Api],
        Daemons = [Nginx],
        Registration = null,
        ExtraSecrets = [SecretKeySecret],
    };

    public HorizonInstaller() : this(null)
    {
    }

    /// <param name="platform">The container platform (default: the production OVN/rsyslog one).</param>
    public HorizonInstaller(Func<ComponentContext, ContainerPlatform>? platform)
        : base(null, platform)
    {
    }

    public override OpenStackService Service => Definition;

    public override int Order => 160;

    public override string Description =>
        "horizon: the dashboard in bjoern workers behind nginx (static files) in each container, haproxy port 80";

    /// <summary>haproxy's port 80 over the nginx of every container, checked by the login page.</summary>
    public override IEnumerable<ServiceBackend> Backends(ClusterConfig config) =>
    [
        new(ServiceName, DashboardPort,
            ContainerSet.BackendServers(config, ServiceName, DashboardPort),
            BackendMode.Http, LoginPath),
    ];

    /// <summary>The URL of the login page through the VIP name.</summary>
    public static string LoginUrl(ClusterConfig config) =>
        $"http://{ClusterEndpoints.ApiHost(config)}:{DashboardPort.ToString(CultureInfo.InvariantCulture)}{LoginPath}";

    /// <summary>curl asks the login page through the VIP and prints only the HTTP status.</summary>
    public static string LoginCheckCommand(ClusterConfig config) =>
        Sh.Join("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "30", LoginUrl(config));

    /// <summary>The files every member gets (identical on all three).</summary>
    public static IEnumerable<ServiceFile> Files(ComponentContext ctx)
    {
        yield return new ServiceFile(SettingsPath, HorizonSettings.Render(ctx), Definition.ConfigSpec);
        yield return new ServiceFile(SecretKeyPath, HorizonSettings.SecretKeyFile(ctx), Definition.ConfigSpec);
        yield return new ServiceFile(HorizonNginx.MainPath(HorizonNginx.Alpine), HorizonNginx.RenderMain(ctx, HorizonNginx.Alpine), new FileSpec("0644"));
        yield return new ServiceFile(HorizonNginx.SitePath(HorizonNginx.Alpine), HorizonNginx.RenderSite(ctx), new FileSpec("0644"));
    }

    protected override IEnumerable<ServiceFile> ConfigFiles(ComponentContext ctx, ContainerMember member) => Files(ctx);

    /// <summary>
    /// Before the snapshot: nginx in horizon's group, the settings written and linked into the
    /// package, and the static files built with them, so the clones start with all of it.
    /// </summary>
    protected override async Task ProvisionExtraAsync(ComponentContext ctx, ITarget container, CancellationToken ct)
    {
        await container.RunCheckedAsync(HorizonStatic.NginxGroupCommand(Definition, HorizonNginx.Alpine), ct).ConfigureAwait(false);
        foreach (var file in Files(ctx).Where(f => f.Path.StartsWith(Definition.ConfigDir + "/", StringComparison.Ordinal)))
        {
            await container.WriteFileAsync(file.Path, file.Content, file.Spec, ct).ConfigureAwait(false);
        }
        await container.RunCheckedAsync(HorizonStatic.LinkSettingsCommand(Definition), ct).ConfigureAwait(false);
        await container.RunCheckedAsync(HorizonStatic.EnsureCommand(Definition), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// After the config, before the start (horizon has no db sync): each member checks its static
    /// files against its settings; a clone of a fresh snapshot finds them built, a changed setting rebuilds them.
    /// </summary>
    protected override IEnumerable<Phase> AfterDbSync(ComponentContext ctx, ContainerPlatform platform)
    {
        yield return PerMember(ctx, platform, $"{ServiceName}-static", async (step, _, container) =>
        {
            await container.RunCheckedAsync(HorizonStatic.LinkSettingsCommand(Definition), step.Cancellation).ConfigureAwait(false);
            await container.RunCheckedAsync(HorizonStatic.EnsureCommand(Definition), step.Cancellation).ConfigureAwait(false);
        });
    }

    /// <summary>Every worker and nginx running in every container, then the login page through the VIP (HTTP 200).</summary>
    public override async Task<HealthReport> VerifyAsync(ComponentContext ctx, CancellationToken ct)
    {
        var services = await base.VerifyAsync(ctx, ct).ConfigureAwait(false);
        var first = await ctx.TargetAsync(FirstMember(ctx.Config).Host, ct).ConfigureAwait(false);
        var result = await first.RunAsync(LoginCheckCommand(ctx.Config), ct).ConfigureAwait(false);
        var status = result.StdOut.Trim();
        var ok = result.Succeeded && status == "200";
        var detail = ok ? "HTTP 200" : result.Succeeded ? $"HTTP {(status.Length == 0 ? "(no status)" : status)}" : $"exit {result.ExitCode}: {result.StdErr.Trim()}";
        return HealthReport.From([.. services.Checks, new HealthCheck(first.Name, $"dashboard login page {LoginUrl(ctx.Config)}", ok, detail)]);
    }
}
