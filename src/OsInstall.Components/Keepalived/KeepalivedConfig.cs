using OsInstall.Common.Alpine;
using OsInstall.Common.Engine;
using OsInstall.Common.Secrets;
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

    /// <summary>
    /// What auth_pass can hold as keepalived reads it: one token of at most 8 characters (it uses
    /// no more), none of those its parser gives a meaning (whitespace ends the token, '#' and '!'
    /// start a comment, '"' quotes, '{' and '}' are blocks, '$' and '~' expand, '\' escapes),
    /// checked against keepalived's own dump of its parsed config.
    /// </summary>
    public static SecretFormat AuthPassFormat { get; } = new(
        $"1 to 8 letters, digits or these characters: {AuthPassPunctuation} (keepalived.conf's auth_pass holds nothing else and keepalived uses only 8 characters)",
        v => v.Length is >= 1 and <= 8 && v.All(c => char.IsAsciiLetterOrDigit(c) || AuthPassPunctuation.Contains(c, StringComparison.Ordinal)));

    public const string AuthPassPunctuation = "%&()*+,-./:;<=>?[]^_|";

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
