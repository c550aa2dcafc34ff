namespace OsInstall.Tests.Simulation;

/// <summary>
/// Lets simulated hosts copy files to each other (scp between controllers): every host root sees
/// all roots under /var/lib/osinstall-sim/peers (a bind mount of the run's hosts directory), and
/// /etc/osinstall-sim/peers maps addresses to host names for the scp stand-in.
/// </summary>
public static class PeerNetwork
{
    public const string MountPoint = "/var/lib/osinstall-sim/peers";
    public const string PeersFile = "/etc/osinstall-sim/peers";

    public static void Connect(IReadOnlyList<SimulatedHost> hosts, string hostsDirectory)
    {
        var map = string.Concat(hosts.Select(h => $"{h.Address} {h.Name}\n"));
        foreach (var h in hosts)
        {
            var peers = Path.Combine(h.Root, PeersFile.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(peers)!);
            File.WriteAllText(peers, map);
            var mount = Path.Combine(h.Root, MountPoint.TrimStart('/'));
            Directory.CreateDirectory(mount);
            HostRootBuilder.Run("/bin/mount", "--bind", hostsDirectory, mount);
        }
    }

    /// <summary>Unmounts every mount below <paramref name="runDirectory"/> (before it is deleted: a live bind mount would be deleted through).</summary>
    public static void Disconnect(string runDirectory)
    {
        var prefix = runDirectory.TrimEnd('/') + "/";
        var mounts = File.ReadAllLines("/proc/self/mounts")
            .Select(l => l.Split(' '))
            .Where(f => f.Length > 1)
            .Select(f => f[1].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(m => m.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(m => m.Length)
            .ToList();
        foreach (var m in mounts)
        {
            HostRootBuilder.Run("/bin/umount", "-l", m);
        }
    }
}
