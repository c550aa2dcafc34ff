using OsInstall.Common.Shell;
using OsInstall.Components.OpenStack;

namespace OsInstall.Components.Horizon;

/// <summary>
/// What the dashboard needs beside its venv, as check-then-act commands: its settings linked into
/// the installed openstack_dashboard package (where Django imports them from), nginx in the
/// service's group (to read the static files), and the static files collected and compressed
/// (COMPRESS_OFFLINE) again only when the venv or the settings changed.
/// </summary>
public static class HorizonStatic
{
    /// <summary>Holds the digest of the venv stamp and the settings the static files were built with.</summary>
    public const string StampPath = "/var/lib/horizon/static.osinstall-stamp";

    /// <summary>openstack_dashboard/local/local_settings.py of the installed package -> <see cref="HorizonInstaller.SettingsPath"/>.</summary>
    public static string LinkSettingsCommand(OpenStackService service)
    {
        var locate = Sh.Join(service.Python, "-c", "import os, openstack_dashboard; print(os.path.dirname(openstack_dashboard.__file__))");
        var target = Sh.Quote(HorizonInstaller.SettingsPath);
        return $"d=$({locate}) && [ -n \"$d\" ] && l=\"$d/local/local_settings.py\" && " +
               $"{{ [ \"$(readlink \"$l\")\" = {target} ] || ln -sfn {target} \"$l\"; }}";
    }

    /// <summary>The nginx user joins the service's group (busybox addgroup USER GROUP), once.</summary>
    public static string NginxGroupCommand(OpenStackService service, NginxLayout layout) =>
        $"id -nG {Sh.Quote(layout.User)} | tr ' ' '\\n' | grep -qx {Sh.Quote(service.Group)} || {Sh.Join("addgroup", layout.User, service.Group)}";

    /// <summary>The Django management commands that build the static files, as the service account.</summary>
    public static string BuildCommand(OpenStackService service)
    {
        string Manage(params string[] args) =>
            Sh.Join(["env", "DJANGO_SETTINGS_MODULE=openstack_dashboard.settings", service.Python, "-m", "django", .. args]);
        return $"cd {Sh.Quote(service.StateDir)} && {Manage("collectstatic", "--noinput", "--clear", "-v", "0")} && {Manage("compress", "--force", "-v", "0")}";
    }

    /// <summary>collectstatic + compress unless the stamp matches the venv and the settings on disk; the stamp last.</summary>
    public static string EnsureCommand(OpenStackService service)
    {
        var digest = $"[ -e {Sh.Quote(service.Stamp)} ] && [ -e {Sh.Quote(HorizonInstaller.SettingsPath)} ] && s=$(cat {Sh.Quote(service.Stamp)} {Sh.Quote(HorizonInstaller.SettingsPath)} | sha256sum | cut -d ' ' -f 1)";
        return $"{digest} && " +
               $"{{ [ \"$(cat {Sh.Quote(StampPath)} 2>/dev/null)\" = \"$s\" ] || " +
               $"{{ {ServiceAccount.AsService(service, BuildCommand(service))} && printf '%s\\n' \"$s\" > {Sh.Quote(StampPath)}; }}; }}";
    }
}
