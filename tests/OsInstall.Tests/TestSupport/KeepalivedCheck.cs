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
    public static async Task<(bool Ok, string Output)> RunAsync(string conf, string iface,
        IReadOnlyDictionary<string, string>? files = null, CancellationToken ct = default)
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
        script.Add($"exec {Sh.Join(keepalived, "-t", "-l", "-f", confFile)}");
        var result = await ExternalTool.RunAsync("unshare", ["-n", "-m", "sh", "-c", string.Join("\n", script)], ct);
        return (result.Succeeded, result.Output);
    }
}
