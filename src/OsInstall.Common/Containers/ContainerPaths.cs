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
}
