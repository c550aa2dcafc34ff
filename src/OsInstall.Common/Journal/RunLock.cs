namespace OsInstall.Common.Journal;

/// <summary>
/// One osinstall run at a time against a cluster: a lock file on controller-1 holding the pid.
/// A lock whose process is gone (a killed run) is stale and is taken over.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream stream;

    private RunLock(FileStream stream, string path)
    {
        this.stream = stream;
        Path = path;
    }

    public string Path { get; }

    public static RunLock Acquire(string stateDir)
    {
        Directory.CreateDirectory(stateDir);
        var path = System.IO.Path.Combine(stateDir, "osinstall.lock");
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                var fs = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
                using (var w = new StreamWriter(fs, leaveOpen: true))
                {
                    w.Write($"{Environment.ProcessId}\n{DateTimeOffset.UtcNow:O}\n");
                }
                fs.Flush();
                return new RunLock(fs, path);
            }
            catch (IOException) when (File.Exists(path))
            {
                var holder = ReadPid(path);
                if (holder is int pid && IsAlive(pid))
                {
                    throw new RunLockedException(path, pid);
                }
                // Stale: the run that held it is gone. Remove and try once more.
                File.Delete(path);
            }
        }
        throw new RunLockedException(path, null);
    }

    private static int? ReadPid(string path)
    {
        try
        {
            var first = File.ReadLines(path).FirstOrDefault();
            return int.TryParse(first, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsAlive(int pid) =>
        pid != Environment.ProcessId && Directory.Exists($"/proc/{pid}");

    public void Dispose()
    {
        stream.Dispose();
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Left behind it is stale and the next run clears it.
        }
    }
}

public sealed class RunLockedException(string path, int? pid)
    : Exception(pid is null
        ? $"another osinstall run holds the lock {path}"
        : $"another osinstall run (pid {pid}) is running against this cluster (lock {path}); wait for it to finish")
{
    public int? Pid { get; } = pid;
}
