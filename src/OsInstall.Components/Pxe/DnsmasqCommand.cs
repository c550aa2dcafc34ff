using OsInstall.Common.Shell;

namespace OsInstall.Components.Pxe;

/// <summary>The dnsmasq invocation of `pxe serve`: in the foreground, with only the rendered configuration.</summary>
public static class DnsmasqCommand
{
    public const string Program = "dnsmasq";

    // --no-daemon: foreground, log to stderr, no pid file. --leasefile-ro: leases live in memory
    // (the static leases are in the configuration), so no lease database is needed on controller-1.
    public static IReadOnlyList<string> Arguments(string confFile) =>
        ["--no-daemon", "--conf-file=" + confFile, "--leasefile-ro"];

    /// <summary>The command as a shell line, every word quoted (what --dry-run prints).</summary>
    public static string ShellLine(string program, string confFile) => Sh.Join([program, .. Arguments(confFile)]);

    /// <summary>dnsmasq on PATH or in the sbin directories (not on a plain user's PATH), or null.</summary>
    public static string? Find() =>
        Find((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/local/sbin"]));

    public static string? Find(IEnumerable<string> dirs) => dirs.Select(d => Path.Combine(d, Program)).FirstOrDefault(File.Exists);
}
