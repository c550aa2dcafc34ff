using OsInstall.Common.Shell;
using OsInstall.Tests.Rsyslog;

namespace OsInstall.Tests.TestSupport;

/// <summary>
/// keepalived -t on a rendered keepalived.conf (Debian's keepalived, tests/packages.d/haproxy.txt).
/// keepalived refuses a config whose interface does not exist and disables a track script it cannot
/// find, so the check runs in namespaces of its own (unshare -n -m): the interface is created there
/// (one end of a veth pair: this kernel has no dummy driver), and the <paramref name="files"/> the
/// config names (scripts, by absolute path) are put in place by bind-mounting a directory holding
/// them over their directory, which this machine is left without.
/// </summary>
public static class KeepalivedCheck
{
    public static Task<(bool Ok, string Output)> RunAsync(string conf, string iface,
        IReadOnlyDictionary<string, string>? files = null, CancellationToken ct = default) =>
        RunInNamespacesAsync(conf, iface, files, dump: false, ct);

    /// <summary>
    /// keepalived's own account of what it parsed (--dump-conf): the VRRP process started for real
    /// in the same private namespaces (its interface has no carrier, so the instance sits in FAULT
    /// and runs no notify script), stopped once the dump is complete. Values read back from here
    /// ("Password = ...", "Email notification to:") are what keepalived uses.
    /// </summary>
    public static Task<(bool Ok, string Output)> DumpAsync(string conf, string iface,
        IReadOnlyDictionary<string, string>? files = null, CancellationToken ct = default) =>
        RunInNamespacesAsync(conf, iface, files, dump: true, ct);

    /// <summary>The values of "<paramref name="label"/> = value" lines of a dump.</summary>
    public static IReadOnlyList<string> DumpValues(string dump, string label) =>
        [.. dump.Split('\n').Select(l => l.IndexOf($" {label} = ", StringComparison.Ordinal) is var at and >= 0 ? l[(at + label.Length + 4)..] : null).OfType<string>()];

    private static async Task<(bool Ok, string Output)> RunInNamespacesAsync(string conf, string iface,
        IReadOnlyDictionary<string, string>? files, bool dump, CancellationToken ct)
    {
        var keepalived = ExternalTool.Require("keepalived");
        var ip = ExternalTool.Require("ip");
        using var dir = new TempDir("osinstall-keepalived-check");
        var confFile = dir.File("keepalived.conf");
        await File.WriteAllTextAsync(confFile, conf, ct);
        var script = new List<string> { $"{Sh.Join(ip, "link", "add", iface, "type", "veth", "peer", "name", "osinstall-peer")} || exit 1" };
        var dirs = (files ?? new Dictionary<string, string>()).GroupBy(f => Path.GetDirectoryName(f.Key)!).ToList();
        for (var i = 0; i < dirs.Count; i++)
        {
            // keepalived's script security wants root-owned directories nobody else may write.
            var source = Directory.CreateDirectory(dir.File($"mount-{i}"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute).FullName;
            foreach (var (path, content) in dirs[i])
            {
                var file = Path.Combine(source, Path.GetFileName(path));
                await File.WriteAllTextAsync(file, content, ct);
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }
            Directory.CreateDirectory(dirs[i].Key);
            script.Add($"mount --bind {Sh.Quote(source)} {Sh.Quote(dirs[i].Key)} || exit 1");
        }
        if (!dump)
        {
            script.Add($"exec {Sh.Join(keepalived, "-t", "-l", "-f", confFile)}");
        }
        else
        {
            var log = dir.File("dump.log");
            script.Add($"{Sh.Join(keepalived, "-n", "-l", "-G", "-D", "-d", "--vrrp", "-f", confFile, "-p", dir.File("k.pid"), "-r", dir.File("v.pid"), "-c", dir.File("c.pid"), "-b", dir.File("b.pid"))} >{Sh.Quote(log)} 2>&1 &");
            // The dump ends with the interfaces; wait for it (at most 30 s), then stop keepalived.
            script.Add($"pid=$!; i=0; while [ $i -lt 300 ] && ! grep -q -- '------< Interfaces >------' {Sh.Quote(log)} && kill -0 $pid 2>/dev/null; do sleep 0.1; i=$((i+1)); done");
            script.Add($"kill $pid 2>/dev/null; wait $pid; cat {Sh.Quote(log)}; grep -q -- '------< Interfaces >------' {Sh.Quote(log)}");
        }
        var result = await ExternalTool.RunAsync("unshare", ["-n", "-m", "sh", "-c", string.Join("\n", script)], ct);
        return (result.Succeeded, result.Output);
    }
}
