using System.Globalization;
using OsInstall.Common.Config;
using OsInstall.Common.Targets.Ssh;
using Xunit;

namespace OsInstall.Tests.Simulation;

/// <summary>
/// The simulated cluster: one OpenSSH sshd per host on its own loopback address, each chrooting
/// into its own busybox root under /var/lib/osinstall-sim/&lt;run-id&gt;/hosts/&lt;host&gt;, with recording
/// stand-ins for what cannot run here. Tests assert on what each host was asked (<see cref="Calls"/>)
/// and what files it holds (<see cref="ReadFile"/>). Needs root; otherwise <see cref="SkipReason"/> says why.
/// Subclass with other counts (e.g. <c>: base(3, 32)</c>) for a bigger cluster.
/// </summary>
public class SimulatedCluster : IAsyncLifetime
{
    public const string BaseDirectory = "/var/lib/osinstall-sim";
    private static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    private readonly List<SimulatedHost> hosts = [];
    private string? configTemplate;

    public SimulatedCluster()
        : this(3, 2)
    {
    }

    protected SimulatedCluster(int controllers, int computeNodes)
    {
        if (controllers is < 1 or > 80 || computeNodes is < 0 or > 150)
        {
            throw new ArgumentOutOfRangeException(nameof(controllers), "1..80 controllers and 0..150 compute nodes fit the simulated addresses");
        }
        ControllerCount = controllers;
        ComputeCount = computeNodes;
        RunId = $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
        RunDirectory = Path.Combine(BaseDirectory, RunId);
    }

    public int ControllerCount { get; }

    public int ComputeCount { get; }

    public string RunId { get; }

    /// <summary>/var/lib/osinstall-sim/&lt;run-id&gt;: hosts/, sshd/, client/.</summary>
    public string RunDirectory { get; }

    public string ClientDirectory => Path.Combine(RunDirectory, "client");

    /// <summary>The private key every host accepts for root.</summary>
    public string ClientKeyFile => Path.Combine(ClientDirectory, "id_ed25519");

    /// <summary>known_hosts with every host's key (even-numbered hosts plain, odd-numbered hashed).</summary>
    public string KnownHostsFile => Path.Combine(ClientDirectory, "known_hosts");

    /// <summary>Why the cluster is not available (not root, no sshd...), or null when it runs.</summary>
    public string? SkipReason { get; private set; }

    public bool Available => SkipReason is null && hosts.Count > 0;

    public IReadOnlyList<SimulatedHost> Hosts => hosts;

    public IEnumerable<string> HostNames => hosts.Select(h => h.Name);

    /// <summary>Starts a cluster outside xunit (benchmarks, ad-hoc tools).</summary>
    public static async Task<SimulatedCluster> StartAsync(int controllers = 3, int computeNodes = 2)
    {
        var cluster = new SimulatedCluster(controllers, computeNodes);
        await cluster.InitializeAsync().ConfigureAwait(false);
        return cluster;
    }

    public SimulatedHost Host(string name) =>
        hosts.FirstOrDefault(h => h.Name == name) ?? throw new ArgumentException($"no simulated host '{name}' (have: {string.Join(", ", HostNames)})", nameof(name));

    public string HostRoot(string host) => Host(host).Root;

    /// <summary>A fresh config: config/common.yaml's values, pointed at the simulated hosts.</summary>
    public ClusterConfig CreateConfig()
    {
        EnsureAvailable();
        configTemplate ??= File.ReadAllText(SimulatedConfig.FindRepoFile("config/common.yaml"));
        return SimulatedConfig.Create(configTemplate, this);
    }

    /// <summary>Writes <paramref name="config"/> (default: <see cref="CreateConfig"/>) as YAML; returns the path.</summary>
    public string WriteConfig(string? path = null, ClusterConfig? config = null)
    {
        path ??= Path.Combine(ClientDirectory, $"config-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, SimulatedConfig.ToYaml(config ?? CreateConfig()));
        return path;
    }

    /// <summary>From now on, calls of <paramref name="command"/> on the host whose arguments contain <paramref name="argSubstring"/> ("" = any) fail with <paramref name="exitCode"/>.</summary>
    public void InjectFault(string host, string command, string argSubstring, int exitCode)
    {
        if (command.Any(char.IsWhiteSpace) || argSubstring.Contains('\n') || argSubstring.Contains('\r'))
        {
            throw new ArgumentException("command must be one word and the substring one line");
        }
        var file = InRoot(host, StandIns.FaultFile);
        var line = argSubstring.Length == 0 ? $"{command} {exitCode}" : $"{command} {argSubstring} {exitCode}";
        File.AppendAllText(file, line + "\n");
    }

    /// <summary>From now on, every call of <paramref name="command"/> ("*" = any stand-in) on the host sleeps <paramref name="seconds"/> after it is recorded.</summary>
    public void SetDelay(string host, string command, double seconds)
    {
        if (command.Any(char.IsWhiteSpace) || seconds < 0)
        {
            throw new ArgumentException("command must be one word and the delay not negative");
        }
        File.AppendAllText(InRoot(host, StandIns.DelayFile), FormattableString.Invariant($"{command} {seconds:0.###}\n"));
    }

    public void ClearDelays()
    {
        foreach (var h in hosts)
        {
            File.Delete(InRoot(h.Name, StandIns.DelayFile));
        }
    }

    public void ClearFaults()
    {
        foreach (var h in hosts)
        {
            File.Delete(InRoot(h.Name, StandIns.FaultFile));
        }
    }

    /// <summary>What the stand-in for <paramref name="command"/> prints on the host (before its built-in answer).</summary>
    public void SetOutput(string host, string command, string stdout) =>
        File.WriteAllText(InRoot(host, $"{StandIns.OutputDirectory}/{command}"), stdout);

    /// <summary>
    /// What every command run inside <paramref name="container"/> on <paramref name="host"/> prints
    /// (after the host's canned lxc-attach output, if any): lets one run hold the health answers of
    /// several components' containers.
    /// </summary>
    public void SetContainerOutput(string host, string container, string stdout) =>
        File.WriteAllText(InRoot(host, $"{StandIns.OutputDirectory}/lxc-attach@{container}"), stdout);

    /// <summary>Removes every canned output of the host (commands and containers).</summary>
    public void ClearOutputs(string host)
    {
        var dir = InRoot(host, StandIns.OutputDirectory);
        if (Directory.Exists(dir))
        {
            foreach (var f in Directory.EnumerateFiles(dir))
            {
                File.Delete(f);
            }
        }
    }

    /// <summary>Every stand-in call on the host, in order.</summary>
    public IReadOnlyList<SimulatedCall> Calls(string host)
    {
        var log = InRoot(host, StandIns.CallLog);
        return File.Exists(log) ? SimulatedCall.ParseLog(File.ReadAllBytes(log)) : [];
    }

    public void ClearCalls()
    {
        foreach (var h in hosts)
        {
            File.Delete(InRoot(h.Name, StandIns.CallLog));
        }
    }

    /// <summary>A file as the host sees it at <paramref name="path"/>, or null when absent.</summary>
    public string? ReadFile(string host, string path)
    {
        var file = InRoot(host, path);
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }

    public bool FileExists(string host, string path) => File.Exists(InRoot(host, path)) || Directory.Exists(InRoot(host, path));

    /// <summary>The host's path on this machine: its root + <paramref name="path"/>.</summary>
    public string InRoot(string host, string path)
    {
        var root = HostRoot(host);
        var full = Path.GetFullPath(Path.Combine(root, path.TrimStart('/')));
        if (!full.StartsWith(root + "/", StringComparison.Ordinal) && full != root)
        {
            throw new ArgumentException($"'{path}' leaves the root of {host}", nameof(path));
        }
        return full;
    }

    public async Task InitializeAsync()
    {
        try
        {
            await StartHostsAsync().ConfigureAwait(false);
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A provider over the simulated hosts with the fixture's key and known_hosts.</summary>
    public SshTargetProvider CreateProvider(bool acceptNewHostKeys = false, ClusterConfig? config = null) =>
        new(config ?? CreateConfig(), acceptNewHostKeys);

    private async Task StartHostsAsync()
    {
        if (!IsRoot())
        {
            SkipReason = "the simulated cluster needs root (sshd with ChrootDirectory, mknod); run the tests as root";
            return;
        }
        foreach (var tool in new[] { "/usr/sbin/sshd", "/bin/busybox", "/usr/bin/ssh-keygen", "/usr/bin/ssh" })
        {
            if (!File.Exists(tool))
            {
                SkipReason = $"{tool} is missing: install openssh-server, openssh-client and busybox-static (tests/packages.d/ssh.txt)";
                return;
            }
        }
        Directory.CreateDirectory("/run/sshd"); // sshd's privilege separation directory
        Directory.CreateDirectory(BaseDirectory);
        File.SetUnixFileMode(BaseDirectory, (UnixFileMode)0b111_101_101);
        RemoveStaleRuns();
        foreach (var sub in new[] { RunDirectory, Path.Combine(RunDirectory, "hosts"), Path.Combine(RunDirectory, "sshd") })
        {
            Directory.CreateDirectory(sub);
            File.SetUnixFileMode(sub, (UnixFileMode)0b111_101_101);
        }
        Directory.CreateDirectory(ClientDirectory);
        File.SetUnixFileMode(ClientDirectory, (UnixFileMode)0b111_000_000);
        HostRootBuilder.Run("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "osinstall-sim-client", "-f", ClientKeyFile);
        var clientPublic = File.ReadAllText(ClientKeyFile + ".pub");
        var busybox = PatchedBusybox.Create(Path.Combine(RunDirectory, "busybox"));

        var names = SimulatedConfig.HostNames(ControllerCount, ComputeCount);
        for (var i = 0; i < names.Count; i++)
        {
            var controller = i < ControllerCount;
            var address = controller ? $"127.0.0.{11 + i}" : $"127.0.0.{101 + i - ControllerCount}";
            hosts.Add(new SimulatedHost(names[i], address, RunDirectory, controller));
        }
        await Parallel.ForEachAsync(hosts, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (h, ct) =>
        {
            h.Prepare(clientPublic, busybox);
            await h.StartAsync(ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        PeerNetwork.Connect(hosts, Path.Combine(RunDirectory, "hosts"));
        WriteKnownHosts();
    }

    public Task DisposeAsync()
    {
        foreach (var h in hosts)
        {
            h.Stop();
        }
        if (Directory.Exists(RunDirectory))
        {
            ProcessTree.KillChrootedUnder(RunDirectory);
        }
        if (Directory.Exists(RunDirectory))
        {
            PeerNetwork.Disconnect(RunDirectory);
            Directory.Delete(RunDirectory, recursive: true);
        }
        return Task.CompletedTask;
    }

    private void WriteKnownHosts()
    {
        var plain = new List<string>();
        var toHash = new List<string>();
        for (var i = 0; i < hosts.Count; i++)
        {
            var h = hosts[i];
            if (i % 2 == 0)
            {
                plain.Add($"[{h.Address}]:{h.Port},[{h.Name}]:{h.Port} {h.PublicKey}");
            }
            else
            {
                toHash.Add($"[{h.Address}]:{h.Port} {h.PublicKey}");
                toHash.Add($"[{h.Name}]:{h.Port} {h.PublicKey}");
            }
        }
        var hashed = Path.Combine(ClientDirectory, "known_hosts.to-hash");
        File.WriteAllLines(hashed, toHash);
        if (toHash.Count > 0)
        {
            // OpenSSH's own hashing, so the verifier is tested against the real format.
            HostRootBuilder.Run("/usr/bin/ssh-keygen", "-q", "-H", "-f", hashed);
        }
        File.WriteAllLines(KnownHostsFile, plain.Concat(File.ReadAllLines(hashed)));
        File.Delete(hashed);
        File.Delete(hashed + ".old");
    }

    // A previous test run that was killed leaves its sshd processes and roots behind.
    private void RemoveStaleRuns()
    {
        foreach (var run in Directory.EnumerateDirectories(BaseDirectory))
        {
            if (run == RunDirectory || (StartedAt(run) > DateTime.UtcNow - StaleAfter && OwnerAlive(run)))
            {
                continue;
            }
            var sshdDir = Path.Combine(run, "sshd");
            if (Directory.Exists(sshdDir))
            {
                foreach (var pidFile in Directory.EnumerateFiles(sshdDir, "sshd.pid", SearchOption.AllDirectories))
                {
                    if (int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) &&
                        ProcessTree.CommandLine(pid) is { } cmd && cmd.StartsWith("/usr/sbin/sshd", StringComparison.Ordinal) && cmd.Contains(run, StringComparison.Ordinal))
                    {
                        ProcessTree.KillDescendants(pid);
                        try
                        {
                            using var p = System.Diagnostics.Process.GetProcessById(pid);
                            p.Kill();
                        }
                        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
                        {
                            // Already gone.
                        }
                    }
                }
            }
            ProcessTree.KillChrootedUnder(run);
            try
            {
                PeerNetwork.Disconnect(run);
                Directory.Delete(run, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another run may be cleaning it up at the same time.
            }
        }
    }

    // Run ids are "<time>-<pid of the test process>-<random>": a run whose process is gone is stale at once.
    private static bool OwnerAlive(string run)
    {
        var parts = Path.GetFileName(run).Split('-');
        return parts.Length < 2 || !int.TryParse(parts[1], out var pid) || Directory.Exists($"/proc/{pid}");
    }

    private static DateTime StartedAt(string run)
    {
        var name = Path.GetFileName(run);
        return name.Length >= 15 && DateTime.TryParseExact(name[..15], "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : Directory.GetLastWriteTimeUtc(run);
    }

    private void EnsureAvailable()
    {
        if (!Available)
        {
            throw new InvalidOperationException(SkipReason ?? "the simulated cluster is not started");
        }
    }

    private static bool IsRoot() => File.ReadAllText("/proc/self/status").Split('\n')
        .FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) == "0";
}
