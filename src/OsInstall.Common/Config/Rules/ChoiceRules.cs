namespace OsInstall.Common.Config.Rules;

/// <summary>Settings that take one of a fixed set of values, and the rsyslog facility map.</summary>
public static class ChoiceRules
{
    private static readonly string[] Facilities =
    [
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
        "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
    ];

    public static void Check(ValidationContext ctx)
    {
        var c = ctx.Config;
        OneOf(ctx, "rsyslog.protocol", c.Rsyslog.Protocol, ["relp", "tcp"]);
        OneOf(ctx, "openstack.database", c.Openstack.Database, ["postgres", "galera"]);
        OneOf(ctx, "openstack.keystone_token_provider", c.Openstack.KeystoneTokenProvider, ["fernet", "jws"]);
        OneOf(ctx, "openstack.libvirt_type", c.Openstack.LibvirtType, ["kvm", "qemu"]);

        foreach (var (facility, file) in c.Rsyslog.Facilities)
        {
            var path = $"rsyslog.facilities.{facility}";
            if (!Facilities.Contains(facility, StringComparer.Ordinal))
            {
                var hint = KeySuggester.Closest(facility, Facilities) is { } s ? $"did you mean '{s}'? " : "";
                ctx.Report(path, $"'{facility}' is not a syslog facility; {hint}expected one of {string.Join(", ", Facilities)}");
            }
            if (ctx.Usable(path, file) && !TextFormats.IsPlainFileName(file))
            {
                ctx.Report(path, $"log file name '{file}' must be a plain file name (letters, digits, '.', '_', '-'; no '/' or '..'): it is created under /var/log");
            }
            else if (file.Length == 0 && !ctx.Locations.HasFailed(path))
            {
                ctx.Report(path, "log file name is empty");
            }
        }
    }

    private static void OneOf(ValidationContext ctx, string path, string value, string[] allowed)
    {
        if (!ctx.Locations.HasFailed(path) && !allowed.Contains(value, StringComparer.Ordinal))
        {
            ctx.Report(path, $"'{value}' is not supported: expected {string.Join(" or ", allowed)}");
        }
    }
}
