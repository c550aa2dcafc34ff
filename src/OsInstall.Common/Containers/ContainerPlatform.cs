using OsInstall.Common.Engine;
using OsInstall.Common.Ovn;

namespace OsInstall.Common.Containers;

/// <summary>
/// What the container mechanism needs from outside Common: the OVN port + DNS records of a
/// container, and the rsyslog.conf a container forwards with (rendered by the rsyslog component's
/// RsyslogConfigs.RenderForwarder). Components build one and pass it to <see cref="ContainerSet"/>.
/// </summary>
public sealed record ContainerPlatform(IContainerNetwork Network, Func<ComponentContext, string, string> RsyslogForwarder)
{
    /// <summary>Packages of the base image (every container has them); busybox syslog is replaced by rsyslog.</summary>
    public IReadOnlyList<string> BasePackages { get; init; } = ["alpine-base", "rsyslog", "logrotate", "openssh"];

    /// <summary>Services enabled in the base image, with their OpenRC runlevel.</summary>
    public IReadOnlyList<(string Service, string Runlevel)> BaseServices { get; init; } =
        [("networking", "boot"), ("rsyslog", "boot"), ("crond", "default"), ("sshd", "default")];

    /// <summary>The containers' distribution; the base packages and services above are Alpine's (Ubuntu's are <see cref="UbuntuBaseImage"/>'s).</summary>
    public ContainerDistribution Distribution { get; init; } = ContainerDistribution.Alpine;

    /// <summary>The signal lxc-stop sends the container's init to halt it.</summary>
    public string HaltSignal => Distribution == ContainerDistribution.Ubuntu ? UbuntuBaseImage.HaltSignal : "SIGUSR1";

    /// <summary>LXC path; null is the system's /var/lib/lxc.</summary>
    public string? LxcPath { get; init; }

    public LxcCli Lxc => new(LxcPath);
}
