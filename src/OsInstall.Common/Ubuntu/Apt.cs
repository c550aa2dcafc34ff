using OsInstall.Common.Shell;

namespace OsInstall.Common.Ubuntu;

/// <summary>
/// apt commands that are safe to repeat, the Ubuntu counterpart of <see cref="Alpine.Apk"/>. Each is
/// one shell command that checks and acts on the host or container itself: `apt-get install` only
/// of what dpkg does not report installed (and the package lists are refreshed only then), `apt-get
/// purge` only of what is installed. Every command is a single shell list, so it composes with &amp;&amp;.
/// </summary>
public static class Apt
{
    /// <summary>What dpkg-query -s prints for an installed package.</summary>
    public const string InstalledStatus = "Status: install ok installed";

    private const string Frontend = "DEBIAN_FRONTEND=noninteractive";

    /// <summary>Installs those of <paramref name="packages"/> that are missing (without recommends); runs no apt-get when all are there.</summary>
    public static string Install(params IEnumerable<string> packages)
    {
        var list = Checked(packages);
        var install = $"apt-get update -q && {Frontend} apt-get install -y -q --no-install-recommends";
        return list.Count == 1
            ? $"{Installed(Sh.Quote(list[0]))} || {{ {install} {Sh.Quote(list[0])}; }}"
            : $"{{ set --; for p in {string.Join(' ', list.Select(Sh.Quote))}; do {Installed("\"$p\"")} || set -- \"$@\" \"$p\"; done; " +
              $"[ \"$#\" -eq 0 ] || {{ {install} \"$@\"; }}; }}";
    }

    /// <summary>Purges those of <paramref name="packages"/> that are installed; runs no apt-get when none is.</summary>
    public static string Purge(params IEnumerable<string> packages)
    {
        var list = Checked(packages);
        var purge = $"{Frontend} apt-get purge -y -q";
        return list.Count == 1
            ? $"if {Installed(Sh.Quote(list[0]))}; then {purge} {Sh.Quote(list[0])}; fi"
            : $"{{ set --; for p in {string.Join(' ', list.Select(Sh.Quote))}; do if {Installed("\"$p\"")}; then set -- \"$@\" \"$p\"; fi; done; " +
              $"if [ \"$#\" -gt 0 ]; then {purge} \"$@\"; fi; }}";
    }

    /// <summary>Exits 0 when <paramref name="package"/> is installed (for health checks).</summary>
    public static string IsInstalled(string package) => Installed(Sh.Quote(Checked([package])[0]));

    private static string Installed(string quoted) => $"dpkg-query -s {quoted} 2>/dev/null | grep -qx {Sh.Quote(InstalledStatus)}";

    private static List<string> Checked(IEnumerable<string> packages) => PackageNames.Checked(packages);
}
