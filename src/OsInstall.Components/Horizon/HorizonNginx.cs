using OsInstall.Common.Config;
using OsInstall.Common.Engine;

namespace OsInstall.Components.Horizon;

/// <summary>
/// nginx inside each horizon container (the original's nginx.conf and default.conf): the static
/// files under <see cref="HorizonSettings.StaticUrl"/> from disk, everything else to the
/// container's bjoern workers 127.0.0.1:&lt;worker port&gt;, on <see cref="HorizonInstaller.DashboardPort"/>,
/// which haproxy balances over the three containers.
/// </summary>
public static class HorizonNginx
{
    public const string MainTemplate = "Horizon/templates/nginx.conf.sbn";
    public const string SiteTemplate = "Horizon/templates/dashboard.conf.sbn";

    /// <summary>Alpine's nginx: its user, its config directory (modules/, mime.types, http.d/).</summary>
    public static readonly NginxLayout Alpine = new("nginx", "/etc/nginx");

    public static string MainPath(NginxLayout layout) => $"{layout.ConfDir}/nginx.conf";

    /// <summary>The site replaces the package's default.conf, whose default server would take the same port.</summary>
    public static string SitePath(NginxLayout layout) => $"{layout.ConfDir}/http.d/default.conf";

    public static string RenderMain(ComponentContext ctx, NginxLayout layout) =>
        ctx.Render(MainTemplate, new { Layout = layout });

    public static string RenderSite(ComponentContext ctx, string staticRoot = HorizonSettings.StaticRoot) =>
        ctx.Render(SiteTemplate, new
        {
            Port = HorizonInstaller.DashboardPort,
            WorkerPorts = WorkerPorts(ctx.Config),
            StaticUrl = HorizonSettings.StaticUrl,
            StaticRoot = staticRoot,
        });

    /// <summary>The ports of the container's bjoern workers (openstack.bjoern_workers of them).</summary>
    public static IReadOnlyList<int> WorkerPorts(ClusterConfig config) => HorizonInstaller.Api.Workers(config).Select(w => w.Port).ToList();
}

/// <summary>Where an nginx keeps its config, and the user its workers run as.</summary>
public sealed record NginxLayout(string User, string ConfDir);
