using System.Diagnostics;

namespace OsInstall.Tests.Simulation;

/// <summary>
/// Builds one simulated host's filesystem root: busybox-static applets (minus the ones that
/// would act on this machine), the recording stand-ins first on PATH, and the Alpine-like files
/// later components edit. Every directory on the way is root-owned and not group/world
/// writable, as sshd's ChrootDirectory demands.
/// </summary>
public static class HostRootBuilder
{
    private const string Busybox = "/bin/busybox";
    private const UnixFileMode Dir755 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private const UnixFileMode Dir700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode File600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Sticky1777 = UnixFileMode.StickyBit | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static readonly Lazy<IReadOnlyList<string>> Applets = new(() =>
        [.. Run(Busybox, "--list-full").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);

    public static void Build(string root, string hostName, string address, string authorizedKey, PatchedBusybox busybox)
    {
        Dir(root);
        foreach (var d in new[] { "bin", "sbin", "usr", "usr/bin", "usr/sbin", "usr/local", "usr/local/bin", "usr/local/sbin",
                     "usr/local/lib", "usr/local/lib/osinstall-sim", "etc", "etc/apk", "etc/init.d", "etc/conf.d", "etc/local.d",
                     "etc/sysctl.d", "etc/network", "etc/security", "etc/osinstall-sim", "etc/osinstall-sim/output", "dev", "var",
                     "var/log", "var/log/osinstall-sim", "var/lib", "var/lib/osinstall-sim", "var/cache", "run", "lib", "opt", "home", "srv", "mnt" })
        {
            Dir(Path.Combine(root, d));
        }
        Dir(Path.Combine(root, "root"), Dir700);
        Dir(Path.Combine(root, "root/.ssh"), Dir700);
        Dir(Path.Combine(root, "tmp"), Sticky1777);
        Dir(Path.Combine(root, "var/tmp"), Sticky1777);

        File.Copy(busybox.Path, Path.Combine(root, "bin/busybox"), overwrite: true);
        File.SetUnixFileMode(Path.Combine(root, "bin/busybox"), Dir755);
        foreach (var applet in Applets.Value)
        {
            var name = Path.GetFileName(applet);
            if (!StandIns.DeniedApplets.Contains(name))
            {
                Link(Path.Combine(root, applet), "/bin/busybox");
            }
        }

        WriteFile(root, StandIns.ScriptPath, StandIns.Script, Dir755);
        WriteFile(root, StandIns.RenamedAppletsPath, string.Concat(busybox.Renamed.Select(r => $"{r.Key} {r.Value}\n")), File644);
        foreach (var command in StandIns.Commands)
        {
            Link(Path.Combine(root, "usr/local/bin", command), StandIns.ScriptPath);
        }
        // A script calling e.g. /sbin/reboot by its full path reaches the stand-in too.
        foreach (var applet in Applets.Value.Where(a => StandIns.Commands.Contains(Path.GetFileName(a))))
        {
            Link(Path.Combine(root, applet), "/usr/local/bin/" + Path.GetFileName(applet));
        }

        // sshd runs root's login shell from this machine's passwd (/bin/bash) inside the root.
        WriteFile(root, "/bin/bash", "#!/bin/sh\nexec /bin/sh \"$@\"\n", Dir755);
        WriteFile(root, "/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n", File644);
        WriteFile(root, "/etc/group", "root:x:0:root\nwheel:x:10:root\nnamed:x:101:\nnogroup:x:65533:\nnobody:x:65534:\n", File644);
        WriteFile(root, "/etc/shadow", "root:*:19000:0:::::\nnobody:!:19000:0:::::\n", File600);
        WriteFile(root, "/etc/hostname", hostName + "\n", File644);
        WriteFile(root, "/etc/hosts", $"127.0.0.1\tlocalhost\n{address}\t{hostName}\n", File644);
        WriteFile(root, "/etc/resolv.conf", "nameserver 127.0.0.1\n", File644);
        WriteFile(root, "/etc/alpine-release", "3.22.0\n", File644);
        WriteFile(root, "/etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.22.0\nPRETTY_NAME=\"Alpine Linux v3.22\"\n", File644);
        WriteFile(root, "/etc/apk/repositories",
            "https://dl-cdn.alpinelinux.org/alpine/v3.22/main\n#https://dl-cdn.alpinelinux.org/alpine/v3.22/community\n", File644);
        WriteFile(root, "/etc/apk/world", "alpine-base\nopenssh\n", File644);
        WriteFile(root, "/etc/inittab",
            "::sysinit:/sbin/openrc sysinit\n::sysinit:/sbin/openrc boot\n::wait:/sbin/openrc default\n\n" +
            "tty1::respawn:/sbin/getty 38400 tty1\ntty2::respawn:/sbin/getty 38400 tty2\n\n" +
            "# Put a getty on the serial port\n#ttyS0::respawn:/sbin/getty -L 115200 ttyS0 vt100\n\n" +
            "::ctrlaltdel:/sbin/reboot\n::shutdown:/sbin/openrc shutdown\n", File644);
        WriteFile(root, "/etc/network/interfaces",
            $"auto lo\niface lo inet loopback\n\nauto eth0\niface eth0 inet static\n\taddress {address}/24\n", File644);
        WriteFile(root, "/etc/sysctl.conf", "", File644);
        WriteFile(root, "/etc/security/limits.conf", "", File644);
        WriteFile(root, "/root/.ssh/authorized_keys", authorizedKey.TrimEnd() + "\n", File600);

        foreach (var (name, major, minor) in new[] { ("null", 1, 3), ("zero", 1, 5), ("random", 1, 8), ("urandom", 1, 9) })
        {
            var path = Path.Combine(root, "dev", name);
            if (!File.Exists(path))
            {
                Run("/bin/mknod", "-m", "0666", path, "c", major.ToString(), minor.ToString());
            }
        }
    }

    internal static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {stderr.Result}");
        }
        return stdout;
    }

    private static void Dir(string path, UnixFileMode mode = Dir755)
    {
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, mode);
    }

    private static void Link(string path, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
        }
        File.CreateSymbolicLink(path, target);
    }

    private static void WriteFile(string root, string path, string content, UnixFileMode mode)
    {
        var full = Path.Combine(root, path.TrimStart('/'));
        File.WriteAllText(full, content);
        File.SetUnixFileMode(full, mode);
    }
}
