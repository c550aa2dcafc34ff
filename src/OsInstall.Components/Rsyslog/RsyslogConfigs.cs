using System.Text.RegularExpressions;
using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Templates;

namespace OsInstall.Components.Rsyslog;

/// <summary>
/// Builds and renders rsyslog's files for any host or container of the cluster. Other components
/// call <see cref="RenderForwarder(ComponentContext, string)"/> for their containers, so that a
/// container forwards through the same chain, from the same template, as a compute node.
/// </summary>
public static partial class RsyslogConfigs
{
    public const string Relp = "relp";
    public const string Tcp = "tcp";
    public const string ConfPath = "/etc/rsyslog.conf";
    public const string LogrotatePath = "/etc/logrotate.d/rsyslog";
    public const string ConfTemplate = "Rsyslog/templates/rsyslog.conf.sbn";
    public const string LogrotateTemplate = "Rsyslog/templates/logrotate.sbn";

    /// <summary>The fallback file of the chain and the collectors' catch-all for unlisted facilities.</summary>
    public const string MessagesFile = "messages";

    // The original's fixed rules; a facility the config maps itself overrides them.
    private static readonly FacilityLog[] DefaultFacilities = [new("kern", "kern.log"), new("daemon", MessagesFile)];

    private static readonly HashSet<string> KnownFacilities = new(StringComparer.Ordinal)
    {
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
        "ntp", "security", "console", "solaris-cron",
        "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
    };

    /// <summary>The apk packages rsyslog needs with the configured protocol (containers install the same).</summary>
    public static IReadOnlyList<string> Packages(ClusterConfig config) =>
        ProtocolOf(config) == Relp ? ["rsyslog", "rsyslog-relp"] : ["rsyslog"];

    public static RsyslogRole RoleOf(ClusterConfig config, string host)
    {
        var index = config.Controllers.FindIndex(c => c.Name == host);
        return index switch
        {
            0 => RsyslogRole.PrimaryCollector,
            > 0 => RsyslogRole.StandbyCollector,
            _ => RsyslogRole.Forwarder,
        };
    }

    /// <summary>The model of a configured host (controller or compute node), or of a container when <paramref name="host"/> is not one.</summary>
    public static RsyslogConfModel ModelFor(ClusterConfig config, string host, RsyslogEnvironment? environment = null)
    {
        var env = environment ?? RsyslogEnvironment.Host;
        var role = RoleOf(config, host);
        var ports = CollectorPorts(config, env);
        var chain = config.Controllers.Select((c, i) => new CollectorEndpoint(c.Address, ports[i])).ToList();
        var model = new RsyslogConfModel
        {
            Host = host,
            Role = role,
            Protocol = ProtocolOf(config),
            SocketPath = env.SocketPath,
            WorkDirectory = env.WorkDirectory,
            LogDirectory = env.LogDirectory.TrimEnd('/'),
            KernelInput = env.KernelInput,
            ListenPort = role == RsyslogRole.Forwarder ? 0 : ports[config.Controllers.FindIndex(c => c.Name == host)],
            ListenAddress = env.ListenAddress,
            // The primary writes its own messages; everyone else, standby collectors included, sends
            // them down the chain, so a message is written once, by the collector that accepts it.
            Chain = role == RsyslogRole.PrimaryCollector ? [] : chain,
            Facilities = FacilitiesOf(config),
            QueueMaxDiskSpace = config.Rsyslog.QueueMaxDiskSpace,
        };
        CheckLiterals(model);
        return model;
    }

    public static string Render(TemplateRenderer templates, RsyslogConfModel model) =>
        templates.Render(ConfTemplate, new Dictionary<string, object?>(StringComparer.Ordinal) { ["m"] = model });

    /// <summary>/etc/rsyslog.conf of a container (or any host that only forwards): /dev/log down the collector chain.</summary>
    public static string RenderForwarder(TemplateRenderer templates, ClusterConfig config, string name, RsyslogEnvironment? environment = null)
    {
        if (RoleOf(config, name) != RsyslogRole.Forwarder)
        {
            throw new InvalidOperationException($"{name} is a log collector, not a forwarder");
        }
        return Render(templates, ModelFor(config, name, environment ?? RsyslogEnvironment.Container));
    }

    /// <summary>/etc/rsyslog.conf for the container <paramref name="name"/>, as a container component writes it.</summary>
    public static string RenderForwarder(ComponentContext ctx, string name) =>
        RenderForwarder(ctx.Templates, ctx.Config, name);

    /// <summary>Every file rsyslog writes under the log directory, each once.</summary>
    public static IReadOnlyList<string> LogFiles(ClusterConfig config) =>
        FacilitiesOf(config).Select(f => f.File).Append(MessagesFile).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>/etc/logrotate.d/rsyslog: the same on every host; files a host does not write are skipped.</summary>
    public static string RenderLogrotate(TemplateRenderer templates, ClusterConfig config, RsyslogEnvironment? environment = null)
    {
        var env = environment ?? RsyslogEnvironment.Host;
        var dir = env.LogDirectory.TrimEnd('/');
        return templates.Render(LogrotateTemplate, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["files"] = LogFiles(config).Select(f => $"{dir}/{f}").ToList(),
            ["rotate_days"] = config.Rsyslog.RotateDays,
        });
    }

    private static string ProtocolOf(ClusterConfig config)
    {
        var protocol = config.Rsyslog.Protocol.Trim().ToLowerInvariant();
        return protocol is Relp or Tcp
            ? protocol
            : throw new InvalidOperationException($"rsyslog.protocol: '{config.Rsyslog.Protocol}' is neither {Relp} nor {Tcp}");
    }

    private static List<int> CollectorPorts(ClusterConfig config, RsyslogEnvironment env)
    {
        var ports = env.CollectorPorts?.ToList() ?? config.Controllers.Select(_ => config.Rsyslog.Port).ToList();
        if (ports.Count < config.Controllers.Count)
        {
            throw new InvalidOperationException($"{config.Controllers.Count} collectors but {ports.Count} collector ports");
        }
        return ports;
    }

    private static List<FacilityLog> FacilitiesOf(ClusterConfig config)
    {
        var configured = config.Rsyslog.Facilities.Select(kv => new FacilityLog(kv.Key.Trim(), kv.Value.Trim())).ToList();
        foreach (var f in configured)
        {
            if (!KnownFacilities.Contains(f.Facility))
            {
                throw new InvalidOperationException($"rsyslog.facilities: '{f.Facility}' is not a syslog facility");
            }
            if (!PlainFileName().IsMatch(f.File) || f.File is "." or "..")
            {
                throw new InvalidOperationException($"rsyslog.facilities.{f.Facility}: '{f.File}' is not a plain file name");
            }
        }
        // Each message has one facility, so the order of the rules does not matter.
        return [.. configured, .. DefaultFacilities.Where(d => configured.All(c => c.Facility != d.Facility))];
    }

    // A value inside an rsyslog string literal must not end the literal or escape from it.
    private static void CheckLiterals(RsyslogConfModel model)
    {
        string?[] values = [model.SocketPath, model.WorkDirectory, model.LogDirectory, model.ListenAddress, model.QueueMaxDiskSpace,
            .. model.Chain.Select(c => c.Host)];
        foreach (var v in values)
        {
            if (v is not null && (v.Length == 0 || v.IndexOfAny(['"', '\\', '\n', '\r', '\'']) >= 0))
            {
                throw new InvalidOperationException($"rsyslog: '{v}' cannot go into rsyslog.conf");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex PlainFileName();
}
