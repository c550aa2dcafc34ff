using OsInstall.Common.Alpine;
using OsInstall.Common.Engine;
using OsInstall.Common.Targets;

namespace OsInstall.Components.Keepalived;

/// <summary>
/// keepalived as the postgres and haproxy sets use it: one keepalived.conf per member rendered
/// from the shared template, and the OpenRC service (supervise-daemon, logging through logger to
/// the keepalived rsyslog facility).
/// </summary>
public static class KeepalivedConfig
{
    public const string ConfPath = "/etc/keepalived/keepalived.conf";
    public const string InitScriptPath = "/etc/init.d/keepalived";
    public const string ServiceName = "keepalived";

    /// <summary>The secret holding the VRRP PASS authentication (at most 8 characters are used by keepalived).</summary>
    public const string AuthSecret = "keepalived_auth_pass";

    public static string Render(ComponentContext ctx, KeepalivedInstance instance) =>
        ctx.Render("Keepalived/templates/keepalived.conf.sbn", new
        {
            Instance = instance,
            AuthPass = ctx.Secrets.Get(AuthSecret),
            Vip = instance.VipPrefixLength is int p ? $"{instance.Vip}/{p}" : instance.Vip,
        });

    /// <summary>The OpenRC script; <paramref name="facility"/> is the syslog facility its output goes to.</summary>
    public static string RenderInitScript(ComponentContext ctx, string facility) =>
        ctx.Render("Keepalived/templates/keepalived.initd.sbn", new { Facility = facility });

    /// <summary>
    /// Writes the config and the init script, enables the service and (re)starts it when either
    /// changed (a running keepalived is restarted only then). Check-then-act; returns whether anything changed.
    /// </summary>
    public static async Task<bool> ApplyAsync(ITarget target, ComponentContext ctx, KeepalivedInstance instance, string facility, CancellationToken ct)
    {
        var conf = await target.WriteFileAsync(ConfPath, Render(ctx, instance), new FileSpec("0640", "root", "root"), ct).ConfigureAwait(false);
        var init = await target.WriteFileAsync(InitScriptPath, RenderInitScript(ctx, facility), new FileSpec("0755", "root", "root"), ct).ConfigureAwait(false);
        var changed = conf || init;
        await target.RunCheckedAsync(new OpenRcService(ServiceName).EnableAndRun(changed), ct).ConfigureAwait(false);
        return changed;
    }
}
