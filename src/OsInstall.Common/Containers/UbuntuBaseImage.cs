using OsInstall.Common.Alpine;
using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;
using OsInstall.Common.Ubuntu;

namespace OsInstall.Common.Containers;

/// <summary>
/// The Ubuntu base image (MariaDB Galera's containers): an RBD image named ubuntu-&lt;release&gt; as
/// the original names it, populated by debootstrap from config.lxc.ubuntu_mirror with systemd,
/// rsyslog, logrotate, cron and ssh, networkd on eth0, journald forwarding to rsyslog and the
/// original's daily journal vacuum. <see cref="BaseImage"/> snapshots and protects it as it does
/// the Alpine one.
/// </summary>
/// <remarks>
/// debootstrap rather than the original's lxc-create download template, for the reason the Alpine
/// image uses apk: the download template fetches from images.linuxcontainers.org, not the configured
/// mirror, and needs a GPG keyserver; debootstrap checks the release against Ubuntu's archive keyring
/// and installs the base packages in the same pass, without starting a container.
/// </remarks>
public static class UbuntuBaseImage
{
    /// <summary>systemd halts on SIGRTMIN+3 (LXC's default SIGPWR only starts sigpwr.target).</summary>
    public const string HaltSignal = "SIGRTMIN+3";

    /// <summary>The original's disk size for Ubuntu containers (a set may grow its clones, e.g. mariadb to 3G).</summary>
    public const string DefaultSize = "2G";

    public const string HostKeyring = "/usr/share/keyrings/ubuntu-archive-keyring.gpg";

    /// <summary>What controller-1 needs to build the image (Alpine packages).</summary>
    public static IReadOnlyList<string> HostPackages { get; } = ["debootstrap", "ubuntu-archive-keyring", "zstd"];

    /// <summary>Installed by debootstrap on top of the minimal base.</summary>
    public static IReadOnlyList<string> Packages { get; } =
    [
        "systemd", "systemd-sysv", "dbus", "iproute2", "rsyslog", "logrotate", "cron", "openssh-server", "ca-certificates",
        "curl", "gnupg",
    ];

    /// <summary>Units enabled in the image.</summary>
    public static IReadOnlyList<string> Services { get; } = ["systemd-networkd", "rsyslog", "cron", "ssh"];

    public static string Name(ClusterConfig config) => $"ubuntu-{config.Lxc.UbuntuRelease}";

    public static string Size(ClusterConfig config) =>
        RbdSize.ToBytes(config.Lxc.RootfsSize) > RbdSize.ToBytes(DefaultSize) ? config.Lxc.RootfsSize : DefaultSize;

    /// <summary>The debootstrap call, run only when the mounted image holds no finished system (debootstrap removes /debootstrap when done).</summary>
    public static string DebootstrapCommand(ClusterConfig config, string root)
    {
        var lxc = config.Lxc;
        var unfinished = $"[ ! -e {Sh.Quote(root + "/etc/os-release")} ] || [ -d {Sh.Quote(root + "/debootstrap")} ]";
        var run = Sh.Join("debootstrap", "--arch=" + lxc.Arch, "--variant=minbase", "--keyring=" + HostKeyring,
            "--include=" + string.Join(',', Packages), lxc.UbuntuRelease, root, lxc.UbuntuMirror.TrimEnd('/'));
        return $"if {unfinished}; then {run}; fi";
    }

    internal static async Task PopulateAsync(StepContext step, RbdCli rbd, string image)
    {
        var ctx = step.Component;
        var host = step.Target;
        var ct = step.Cancellation;
        var config = ctx.Config;
        var mnt = ContainerPaths.BaseMount;

        await host.RunCheckedAsync(Apk.Add(HostPackages), ct);
        await BaseImage.MountAsync(host, rbd, image, ct);
        await host.RunCheckedAsync(DebootstrapCommand(config, mnt), ct);

        await host.WriteFileAsync(mnt + ContainerPaths.AptSources, ctx.Render(ContainerTemplates.UbuntuSources, new
        {
            Mirror = config.Lxc.UbuntuMirror.TrimEnd('/'),
            Release = config.Lxc.UbuntuRelease,
        }), ct);
        await host.WriteFileAsync(mnt + ContainerPaths.NetworkdEth0, ctx.Render(ContainerTemplates.UbuntuNetwork), ct);
        await host.WriteFileAsync(mnt + ContainerPaths.JournaldDropIn, ctx.Render(ContainerTemplates.UbuntuJournald), ct);
        await host.WriteFileAsync(mnt + ContainerPaths.JournalVacuumCron,
            ctx.Render(ContainerTemplates.UbuntuJournalVacuum, new { VacuumSize = config.Lxc.JournalVacuumSize }), ct);
        foreach (var unit in Services)
        {
            await host.RunCheckedAsync(new SystemdService(unit).EnableIn(mnt), ct);
        }
        await BaseImage.UnmountAsync(host, rbd, image, ct);
    }
}
