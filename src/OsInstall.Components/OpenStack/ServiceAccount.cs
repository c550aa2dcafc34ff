using OsInstall.Common.Shell;

namespace OsInstall.Components.OpenStack;

/// <summary>The service's system user and group and its directories inside a container, created only if missing.</summary>
public static class ServiceAccount
{
    /// <summary>addgroup/adduser (busybox) when absent: a system account without password, login shell or home directory of its own making.</summary>
    public static string EnsureCommand(OpenStackService service)
    {
        var user = Sh.Quote(service.User);
        var group = Sh.Quote(service.Group);
        return $"{{ getent group {group} >/dev/null || addgroup -S {group}; }} && " +
               $"{{ id -u {user} >/dev/null 2>&1 || adduser -S -D -H -h {Sh.Quote(service.StateDir)} -s /sbin/nologin -G {group} -g {user} {user}; }}";
    }

    /// <summary>Config readable by the service only (root writes it), state owned by it; install -d sets both every time.</summary>
    public static string DirectoriesCommand(OpenStackService service) =>
        $"{Sh.Join("install", "-d", "-o", "root", "-g", service.Group, "-m", "0750", service.ConfigDir)} && " +
        $"{Sh.Join("install", "-d", "-o", service.User, "-g", service.Group, "-m", "0750", service.StateDir)} && " +
        $"{Sh.Join("install", "-d", "-m", "0755", "/var/lib/osinstall")}";

    /// <summary>A command run as the service account (db_sync must not leave root-owned files behind).</summary>
    public static string AsService(OpenStackService service, string command) =>
        Sh.Join("su", "-s", "/bin/sh", service.User, "-c", command);
}
