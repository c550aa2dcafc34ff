using OsInstall.Common.Shell;

namespace OsInstall.Components.Prepare;

/// <summary>apk commands that are safe to repeat.</summary>
internal static class Apk
{
    /// <summary>apk add is idempotent by itself: installed packages are left alone.</summary>
    public static string AddCommand(IEnumerable<string> packages) => Sh.Join(["apk", "add", .. packages]);

    /// <summary>
    /// apk del fails on a package that is not installed, so only the installed ones are named;
    /// nothing installed, nothing run.
    /// </summary>
    public static string DelInstalledCommand(IEnumerable<string> packages) =>
        $"set --; for p in {string.Join(' ', packages.Select(Sh.Quote))}; do " +
        "if apk info -e \"$p\" >/dev/null 2>&1; then set -- \"$@\" \"$p\"; fi; done; " +
        "if [ \"$#\" -gt 0 ]; then apk del \"$@\"; fi";
}
