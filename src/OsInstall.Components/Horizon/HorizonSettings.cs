using System.Globalization;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Components.Keystone;

namespace OsInstall.Components.Horizon;

/// <summary>
/// The dashboard's Django settings (the original's local_settings.py): keystone through the
/// haproxy VIP name, sessions in the cluster's memcached, the API versions, time zone, default
/// role and security group rule presets of the original, logging to syslog. The signing key is not
/// in the file: it reads <see cref="HorizonInstaller.SecretKeyPath"/>, so the settings can be shown
/// and compared without the secret.
/// </summary>
public static class HorizonSettings
{
    public const string Template = "Horizon/templates/local_settings.py.sbn";

    /// <summary>Where the static files collectstatic/compress produce live and nginx serves them from.</summary>
    public const string StaticRoot = "/var/lib/horizon/static";

    /// <summary>The URL prefix of the static files (Django's default under WEBROOT '/').</summary>
    public const string StaticUrl = "/static/";

    /// <summary>The syslog facility of the dashboard's log (the original's nginx uses daemon too).</summary>
    public const string SyslogFacility = "daemon";

    /// <summary>API versions the dashboard asks for, as the original pins them.</summary>
    public static readonly IReadOnlyList<(string Service, int Version)> ApiVersions =
        [("identity", 3), ("image", 2), ("volume", 3)];

    /// <summary>Loggers sent to syslog (the original's console loggers; INFO, as its handler let through with DEBUG off).</summary>
    public static readonly IReadOnlyList<string> SyslogLoggers =
    [
        "horizon", "horizon.operation_log", "openstack_dashboard", "openstack_auth", "django", "oslo_policy",
        "keystoneauth", "keystoneclient", "novaclient", "cinderclient", "glanceclient", "neutronclient", "swiftclient",
    ];

    /// <summary>Loggers silenced, as the original silences them.</summary>
    public static readonly IReadOnlyList<string> QuietLoggers =
        ["django.db.backends", "requests", "urllib3", "chardet.charsetprober", "iso8601", "scss"];

    /// <summary>The rule presets of the security group dialog the original offers.</summary>
    public static readonly IReadOnlyList<SecurityGroupRule> SecurityGroupRules =
    [
        new("all_tcp", "All TCP", "tcp", 1, 65535, Translated: true),
        new("all_udp", "All UDP", "udp", 1, 65535, Translated: true),
        new("all_icmp", "All ICMP", "icmp", -1, -1, Translated: true),
        new("ssh", "SSH", "tcp", 22, 22),
        new("smtp", "SMTP", "tcp", 25, 25),
        new("dns", "DNS", "tcp", 53, 53),
        new("http", "HTTP", "tcp", 80, 80),
        new("pop3", "POP3", "tcp", 110, 110),
        new("imap", "IMAP", "tcp", 143, 143),
        new("ldap", "LDAP", "tcp", 389, 389),
        new("https", "HTTPS", "tcp", 443, 443),
        new("smtps", "SMTPS", "tcp", 465, 465),
        new("imaps", "IMAPS", "tcp", 993, 993),
        new("pop3s", "POP3S", "tcp", 995, 995),
        new("ms_sql", "MS SQL", "tcp", 1433, 1433),
        new("mysql", "MYSQL", "tcp", 3306, 3306),
        new("rdp", "RDP", "tcp", 3389, 3389),
    ];

    /// <summary>The keystone URL the dashboard authenticates against: identity v3 through the VIP name.</summary>
    public static string KeystoneUrl(ComponentContext ctx) => $"http://{ClusterEndpoints.ApiHost(ctx.Config)}:{KeystoneInstaller.Port}/v3";

    /// <summary>local_settings.py (the key file path may be redirected: tests read a temporary one).</summary>
    public static string Render(ComponentContext ctx, string secretKeyPath = HorizonInstaller.SecretKeyPath, string staticRoot = StaticRoot) =>
        ctx.Render(Template, new
        {
            AllowedHosts = PythonLiteral.StrList(["*"]),
            SecretKeyFile = PythonLiteral.Str(secretKeyPath),
            StateDir = PythonLiteral.Str(HorizonInstaller.Definition.StateDir),
            StaticRoot = PythonLiteral.Str(staticRoot),
            MemcachedServers = ClusterEndpoints.MemcachedServers(ctx.Config).Select(PythonLiteral.Str).ToList(),
            OpenstackHost = PythonLiteral.Str(ClusterEndpoints.ApiHost(ctx.Config)),
            KeystoneUrl = PythonLiteral.Str(KeystoneUrl(ctx)),
            DefaultRole = PythonLiteral.Str(ctx.Config.Openstack.DemoRole),
            ApiVersions = ApiVersions.Select(v => new { Service = PythonLiteral.Str(v.Service), Version = v.Version.ToString(CultureInfo.InvariantCulture) }).ToList(),
            TimeZone = PythonLiteral.Str(ctx.Config.Cluster.TimeZone),
            SyslogFacility = PythonLiteral.Str(SyslogFacility),
            SyslogLoggers = SyslogLoggers.Select(PythonLiteral.Str).ToList(),
            QuietLoggers = QuietLoggers.Select(PythonLiteral.Str).ToList(),
            SecurityGroupRules = SecurityGroupRules.Select(r => new
            {
                Key = PythonLiteral.Str(r.Key),
                Name = r.Translated ? $"_({PythonLiteral.Str(r.Name)})" : PythonLiteral.Str(r.Name),
                Protocol = PythonLiteral.Str(r.Protocol),
                FromPort = PythonLiteral.Str(r.FromPort.ToString(CultureInfo.InvariantCulture)),
                ToPort = PythonLiteral.Str(r.ToPort.ToString(CultureInfo.InvariantCulture)),
            }).ToList(),
        });

    /// <summary>The secret key file's content: the secret and a newline.</summary>
    public static string SecretKeyFile(ComponentContext ctx) => ctx.Secrets.Get(HorizonInstaller.SecretKeySecret) + "\n";
}

/// <summary>One preset of the dashboard's "add rule" dialog (<paramref name="Translated"/>: the name goes through gettext).</summary>
public sealed record SecurityGroupRule(string Key, string Name, string Protocol, int FromPort, int ToPort, bool Translated = false);
