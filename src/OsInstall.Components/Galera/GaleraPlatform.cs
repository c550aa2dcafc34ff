using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Components.Rsyslog;

namespace OsInstall.Components.Galera;

/// <summary>
/// The production container platform with Ubuntu containers: the same OVN ports and DNS records,
/// and rsyslog forwarding from journald's syslog socket (journald owns /dev/log under systemd and
/// hands every message on to that socket).
/// </summary>
public static class GaleraPlatform
{
    /// <summary>Where journald passes messages to the syslog daemon (systemd's syslog.socket).</summary>
    public const string JournaldSyslogSocket = "/run/systemd/journal/syslog";

    public static ContainerPlatform For(ComponentContext ctx) => ForUbuntu(ContainerPlatforms.For(ctx));

    /// <summary>Any platform (a test's too) made Ubuntu.</summary>
    public static ContainerPlatform ForUbuntu(ContainerPlatform platform) => platform with
    {
        Distribution = ContainerDistribution.Ubuntu,
        RsyslogForwarder = (c, name) => RsyslogConfigs.RenderForwarder(c.Templates, c.Config, name, UbuntuEnvironment),
    };

    public static RsyslogEnvironment UbuntuEnvironment { get; } = RsyslogEnvironment.Container with { SocketPath = JournaldSyslogSocket };
}
