using OsInstall.Common.Engine;

namespace OsInstall.Components.Haproxy;

/// <summary>The scripts every haproxy member holds: haproxy's OpenRC script and keepalived's track and notify scripts.</summary>
public static class HaproxyFiles
{
    public static string RenderCheckScript(ComponentContext ctx) =>
        ctx.Render("Haproxy/templates/check-haproxy.sbn", new { HaproxySettings.StatsPort, HaproxySettings.MonitorUri });

    public static string RenderNotifyScript(ComponentContext ctx) =>
        ctx.Render("Haproxy/templates/notify-haproxy.sbn", new { Facility = HaproxySettings.KeepalivedFacility(ctx.Config), Vip = ctx.Config.Vips.Haproxy });

    public static string RenderInitScript(ComponentContext ctx) =>
        ctx.Render("Haproxy/templates/haproxy.initd.sbn", new
        {
            HaproxySettings.ConfPath,
            Facility = HaproxySettings.LogFacility,
            HaproxySettings.RunDirectory,
            HaproxySettings.LoadedMarker,
        });
}
