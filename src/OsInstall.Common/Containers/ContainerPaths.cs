namespace OsInstall.Common.Containers;

public static class ContainerPaths
{
    /// <summary>Where the base image is mounted while it is populated (controller-1 only).</summary>
    public const string BaseMount = "/var/lib/osinstall/mnt/base-image";

    public const string Hostname = "/etc/hostname";
    public const string Hosts = "/etc/hosts";
    public const string ResolvConf = "/etc/resolv.conf";
    public const string RsyslogConf = "/etc/rsyslog.conf";
    public const string Interfaces = "/etc/network/interfaces";
    public const string ApkRepositories = "/etc/apk/repositories";
    public const string AlpineRelease = "/etc/alpine-release";
    public const string Inittab = "/etc/inittab";
    public const string HostApkKeys = "/etc/apk/keys";

    // Ubuntu containers
    public const string AptSources = "/etc/apt/sources.list";
    public const string NetworkdEth0 = "/etc/systemd/network/10-eth0.network";
    public const string JournaldDropIn = "/etc/systemd/journald.conf.d/60-osinstall.conf";
    public const string JournalVacuumCron = "/etc/cron.d/journal-vacuum";
}
