using System.Diagnostics;
using OsInstall.Common.Containers;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Containers;

/// <summary>
/// An LXC path of the test's own (lxc-* -P), so the test only sees and touches containers it made;
/// disposing stops (killing) whatever of them still runs.
/// </summary>
public sealed class LxcDirectory : IDisposable
{
    private readonly TempDir dir = new("osinstall-lxc");
    private readonly List<string> containers = [];

    public string Path => dir.Path;

    public LxcCli Lxc => new(Path);

    /// <summary>Writes NAME/config and returns its path.</summary>
    public string WriteConfig(string name, string config)
    {
        containers.Add(name);
        var d = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(d);
        var file = System.IO.Path.Combine(d, "config");
        File.WriteAllText(file, config);
        return file;
    }

    /// <summary>A busybox-static root filesystem (standing in for a mapped RBD image), init doing nothing but wait.</summary>
    public string BusyboxRootfs(string name)
    {
        var root = System.IO.Path.Combine(Path, name, "rootfs");
        foreach (var d in new[] { "bin", "sbin", "etc", "proc", "sys", "dev", "tmp", "root", "run", "var/log" })
        {
            Directory.CreateDirectory(System.IO.Path.Combine(root, d));
        }
        File.Copy("/bin/busybox", System.IO.Path.Combine(root, "bin/busybox"));
        foreach (var applet in Run("/bin/busybox", "--list").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var link = System.IO.Path.Combine(root, applet == "init" ? "sbin" : "bin", applet);
            if (applet != "busybox" && !File.Exists(link))
            {
                File.CreateSymbolicLink(link, "/bin/busybox");
            }
        }
        File.WriteAllText(System.IO.Path.Combine(root, "etc/inittab"), "::sysinit:/bin/true\n");
        File.WriteAllText(System.IO.Path.Combine(root, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        File.WriteAllText(System.IO.Path.Combine(root, "etc/group"), "root:x:0:\n");
        return root;
    }

    public static string Run(string file, params string[] args)
    {
        var (exit, output) = Exec(file, args);
        return exit == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {exit}: {output}");
    }

    /// <summary>lxc-info's exit code and output: it loads (and so parses) the container's config.</summary>
    public (int Exit, string Output) Info(string name) => Exec("lxc-info", "-n", name, "-P", Path);

    private static (int Exit, string Output) Exec(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }

    public void Dispose()
    {
        foreach (var name in containers)
        {
            try
            {
                Run("lxc-stop", "-k", "-n", name, "-P", Path);
            }
            catch (InvalidOperationException)
            {
                // not running
            }
        }
        dir.Dispose();
    }
}
