using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.TestSupport;

/// <summary>
/// Reads and sets a simulated host's apk/OpenRC state where the stand-ins keep it, and its files.
/// The simulated hosts outlive a test (other tests of a collection use them too), so a test sets
/// the state it starts from rather than trusting what an earlier one left.
/// </summary>
internal static class SimulatedAlpineState
{
    private const string ApkWorld = "/var/lib/osinstall-sim/apk-world";

    public static bool Installed(this SimulatedCluster cluster, string host, string package) =>
        (cluster.ReadFile(host, ApkWorld) ?? "").Split('\n').Contains(package);

    public static bool Enabled(this SimulatedCluster cluster, string host, string service, string runlevel = "default") =>
        new FileInfo(cluster.InRoot(host, $"/etc/runlevels/{runlevel}/{service}")).LinkTarget is not null;

    public static bool Running(this SimulatedCluster cluster, string host, string service) =>
        File.Exists(StartedFile(cluster, host, service));

    public static string StartedFile(this SimulatedCluster cluster, string host, string service) =>
        cluster.InRoot(host, $"/var/lib/osinstall-sim/services/{service}");

    public static void RemovePackages(this SimulatedCluster cluster, string host, params string[] packages)
    {
        var world = cluster.InRoot(host, ApkWorld);
        if (File.Exists(world))
        {
            File.WriteAllLines(world, File.ReadAllLines(world).Where(p => !packages.Contains(p)));
        }
    }

    /// <summary>The service in <paramref name="runlevel"/> (or in none) and running or stopped.</summary>
    public static void SetService(this SimulatedCluster cluster, string host, string service, string? runlevel, bool running)
    {
        var runlevels = cluster.InRoot(host, "/etc/runlevels");
        foreach (var dir in Directory.Exists(runlevels) ? Directory.GetDirectories(runlevels) : [])
        {
            DeleteFile(Path.Combine(dir, service));
        }
        if (runlevel is not null)
        {
            Directory.CreateDirectory(cluster.InRoot(host, $"/etc/runlevels/{runlevel}"));
            File.CreateSymbolicLink(cluster.InRoot(host, $"/etc/runlevels/{runlevel}/{service}"), $"/etc/init.d/{service}");
        }
        var started = StartedFile(cluster, host, service);
        if (running)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(started)!);
            File.WriteAllText(started, "");
        }
        else
        {
            DeleteFile(started);
        }
    }

    /// <summary>Removes files and directories (recursively) if they are there.</summary>
    public static void RemovePaths(this SimulatedCluster cluster, string host, params string[] paths)
    {
        foreach (var full in paths.Select(p => cluster.InRoot(host, p)))
        {
            if (Directory.Exists(full))
            {
                Directory.Delete(full, recursive: true);
            }
            else
            {
                DeleteFile(full);
            }
        }
    }

    /// <summary>Every file at or below <paramref name="paths"/> with its modification time: a rewrite moves it, even to equal content.</summary>
    public static Dictionary<string, DateTime> Snapshot(this SimulatedCluster cluster, string host, params string[] paths)
    {
        var root = cluster.HostRoot(host);
        return paths.Select(p => cluster.InRoot(host, p))
            .SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p, "*", SearchOption.AllDirectories) : File.Exists(p) ? [p] : [])
            .ToDictionary(p => p[root.Length..], File.GetLastWriteTimeUtc, StringComparer.Ordinal);
    }

    /// <summary>The paths whose file is new, gone or rewritten between two snapshots.</summary>
    public static IEnumerable<string> Changed(Dictionary<string, DateTime> before, Dictionary<string, DateTime> after) =>
        after.Keys.Union(before.Keys).Where(k => after.GetValueOrDefault(k) != before.GetValueOrDefault(k)).Order(StringComparer.Ordinal);

    private static void DeleteFile(string path)
    {
        // A dangling link (a runlevel link to an absent init script) is not File.Exists.
        if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
        }
    }
}
