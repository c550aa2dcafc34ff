using System.Diagnostics;
using OsInstall.Common.Shell;

namespace OsInstall.Tests.TestSupport;

/// <summary>
/// keepalived -t -f on a rendered keepalived.conf (Debian's keepalived). It fails when the configured
/// interface does not exist and when a track script is missing, so it runs inside unshare -n -m: the
/// interface is created there as a veth (the dummy module may be absent), and the given scripts are
/// put at their own paths on a tmpfs over their directories (which must exist on this machine).
/// </summary>
public static class KeepalivedCheck
{
    public static (int ExitCode, string Output) Run(string conf, string iface, IReadOnlyDictionary<string, string>? scripts = null)
    {
        using var dir = new TempDir("osinstall-keepalived");
        var confPath = dir.File("keepalived.conf");
        File.WriteAllText(confPath, conf);
        var setup = new List<string>
        {
            $"ip link add {Sh.Quote(iface)} type veth peer name osi-peer0",
            $"ip link set {Sh.Quote(iface)} up",
        };
        var i = 0;
        foreach (var group in (scripts ?? new Dictionary<string, string>()).GroupBy(s => Path.GetDirectoryName(s.Key)!))
        {
            setup.Add($"mount -t tmpfs -o mode=0755 osinstall-scripts {Sh.Quote(group.Key)}");
            foreach (var (path, content) in group)
            {
                var source = dir.File($"script-{i++}");
                File.WriteAllText(source, content);
                setup.Add($"cp {Sh.Quote(source)} {Sh.Quote(path)} && chmod 0755 {Sh.Quote(path)}");
            }
        }
        setup.Add(Sh.Join("exec", "keepalived", "-t", "-l", "-f", confPath,
            "-p", dir.File("keepalived.pid"), "-r", dir.File("vrrp.pid"), "-c", dir.File("checkers.pid")));
        var psi = new ProcessStartInfo("unshare")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-n", "-m", "/bin/sh", "-ec", string.Join("\n", setup) })
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("unshare did not start");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr);
    }
}
