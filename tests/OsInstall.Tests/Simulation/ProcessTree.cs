using System.Diagnostics;

namespace OsInstall.Tests.Simulation;

/// <summary>Finds and ends the descendants of a process this fixture started (from /proc).</summary>
public static class ProcessTree
{
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var child) || ParentOf(child) is not { } parent)
            {
                continue;
            }
            if (!children.TryGetValue(parent, out var list))
            {
                children[parent] = list = [];
            }
            list.Add(child);
        }
        var result = new List<int>();
        var queue = new Queue<int>([pid]);
        while (queue.Count > 0)
        {
            if (children.TryGetValue(queue.Dequeue(), out var list))
            {
                foreach (var c in list)
                {
                    result.Add(c);
                    queue.Enqueue(c);
                }
            }
        }
        return result;
    }

    /// <summary>SIGKILLs every descendant of <paramref name="pid"/> (not the process itself).</summary>
    public static int KillDescendants(int pid)
    {
        var killed = 0;
        foreach (var d in Descendants(pid))
        {
            try
            {
                using var p = Process.GetProcessById(d);
                p.Kill();
                killed++;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
        return killed;
    }

    /// <summary>
    /// SIGKILLs every process whose root directory (chroot) lies under <paramref name="directory"/>:
    /// sessions of the simulated hosts and anything they left running, even double-forked daemons
    /// that are no longer sshd's descendants.
    /// </summary>
    public static int KillChrootedUnder(string directory)
    {
        var prefix = directory.TrimEnd('/') + "/";
        var killed = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }
            string? root;
            try
            {
                root = new DirectoryInfo(Path.Combine(dir, "root")).LinkTarget;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            if (root is not null && root.StartsWith(prefix, StringComparison.Ordinal))
            {
                try
                {
                    using var p = Process.GetProcessById(pid);
                    p.Kill();
                    killed++;
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Already gone.
                }
            }
        }
        return killed;
    }

    /// <summary>The process's command line (NUL-separated words joined by spaces), or null when it is gone.</summary>
    public static string? CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
