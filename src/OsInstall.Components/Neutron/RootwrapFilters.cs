using OsInstall.Common.Shell;
using OsInstall.Components.Glance;
using OsInstall.Components.OpenStack;

namespace OsInstall.Components.Neutron;

/// <summary>
/// Every rootwrap filter file a service ships in its source tree's etc/&lt;name&gt;/rootwrap.d
/// (which files there are changes between releases, so they are not listed here), copied into the
/// container's filters directory root-owned and world-readable, each only when it differs.
/// </summary>
public static class RootwrapFilters
{
    public static string SourceDir(OpenStackService service) => SourceFiles.InClone(service, $"etc/{service.Name}/rootwrap.d");

    public static string CopyCommand(OpenStackService service, string destination) =>
        $"for f in {Sh.Quote(SourceDir(service))}/*.filters; do " +
        "[ -e \"$f\" ] || continue; " +
        $"d={Sh.Quote(destination)}/\"${{f##*/}}\"; " +
        "cmp -s \"$f\" \"$d\" || install -D -m 0644 -o root -g root \"$f\" \"$d\" || exit 1; " +
        "done";
}
