using OsInstall.Common.Shell;

namespace OsInstall.Common.Alpine;

/// <summary>
/// apk commands that are safe to repeat, for every component. Each is one shell command that
/// checks and acts on the host itself (one SSH round trip, and a dry run shows the whole decision):
/// `apk add` only of what `apk info -e` says is missing (one `apk info -e` for the whole list, not one
/// apk process per package), so a rerun adds nothing and touches no index; `apk del` only of what
/// is installed, because apk del fails on a package that is not.
/// Every command is a single shell list (braced where it has several parts), so it composes with &amp;&amp;.
/// </summary>
public static class Apk
{
    /// <summary>Adds those of <paramref name="packages"/> that are not installed; runs no apk add when all are.</summary>
    public static string Add(params IEnumerable<string> packages)
    {
        var list = Checked(packages);
        // One package reads as what it does in the log ("... || apk add bind"); the loop collects several.
        return list.Count == 1
            ? $"{Installed(Sh.Quote(list[0]))} || {Sh.Join("apk", "add", list[0])}"
            : $"{{ {InstalledSet(list)}; set --; for p in {Words(list)}; do case $have in *\" $p \"*) ;; *) set -- \"$@\" \"$p\" ;; esac; done; " +
              "[ \"$#\" -eq 0 ] || apk add \"$@\"; }";
    }

    /// <summary>Removes those of <paramref name="packages"/> that are installed; runs no apk del when none is.</summary>
    public static string Del(params IEnumerable<string> packages)
    {
        var list = Checked(packages);
        return list.Count == 1
            ? $"if {Installed(Sh.Quote(list[0]))}; then {Sh.Join("apk", "del", list[0])}; fi"
            : $"{{ {InstalledSet(list)}; set --; for p in {Words(list)}; do case $have in *\" $p \"*) set -- \"$@\" \"$p\" ;; esac; done; " +
              "if [ \"$#\" -gt 0 ]; then apk del \"$@\"; fi; }";
    }

    /// <summary>Exits 0 when <paramref name="package"/> is installed (for health checks).</summary>
    public static string IsInstalled(string package) => Installed(Sh.Quote(package));

    private static string Installed(string quoted) => $"apk info -e {quoted} >/dev/null 2>&1";

    // One apk process for the whole list: `apk info -e A B C` prints the name of each installed one
    // (its exit status counts the missing ones). $have is " A C " with a space on each side of a name.
    private static string InstalledSet(List<string> list) =>
        $"have=\" $(apk info -e {Words(list)} 2>/dev/null | tr '\\n' ' ')\"";

    private static string Words(List<string> list) => string.Join(' ', list.Select(Sh.Quote));

    private static List<string> Checked(IEnumerable<string> packages) => PackageNames.Checked(packages);
}
