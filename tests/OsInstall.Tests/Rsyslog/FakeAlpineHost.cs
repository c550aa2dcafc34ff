using OsInstall.Common.Targets;

namespace OsInstall.Tests.Rsyslog;

/// <summary>
/// An Alpine host reduced to what the rsyslog component touches: files, apk packages, OpenRC
/// boot runlevel and services. It understands exactly the commands the component sends and
/// fails on any other, so a test sees every command and every change of state.
/// </summary>
internal sealed class FakeAlpineHost(string name) : ITarget
{
    private long clock;

    public string Name { get; } = name;
    public Dictionary<string, (string Content, long Modified)> Files { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Directories { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Packages { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Boot { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> Started { get; } = new(StringComparer.Ordinal);
    public List<string> Commands { get; } = [];
    public List<string> ChangedFiles { get; } = [];

    /// <summary>A fresh Alpine install: busybox syslog enabled at boot and running.</summary>
    public static FakeAlpineHost Fresh(string name)
    {
        var host = new FakeAlpineHost(name);
        host.Boot.Add("syslog");
        host.Started["syslog"] = 0;
        return host;
    }

    public Task<CommandResult> RunAsync(string command, CancellationToken ct = default)
    {
        Commands.Add(command);
        var w = command.Split(' ');
        var ok = (w[0], w.Length > 1 ? w[1] : "") switch
        {
            ("apk", "info") => w[3..].All(Packages.Contains),
            ("apk", "add") => Do(() => Packages.UnionWith(w[2..])),
            ("apk", "del") => w[2..].All(Packages.Remove),
            ("mkdir", "-p") => Do(() => Directories.Add(w[2])),
            ("rm", "-f") => Do(() => Files.Remove(w[2])),
            ("rsyslogd", "-N1") => Files.ContainsKey(w[3]),
            ("test", _) when w[2] == "-nt" => Files.TryGetValue(w[1], out var f) && Started.TryGetValue("rsyslog", out var at) && f.Modified > at,
            ("rc-update", "add") => Boot.Add(w[2]) || true,
            ("rc-update", "del") => Boot.Remove(w[2]),
            ("rc-service", _) => Service(w[1..]),
            _ => throw new InvalidOperationException($"{Name}: the fake host does not know '{command}'"),
        };
        return Task.FromResult(new CommandResult(ok ? 0 : 1, "", "", TimeSpan.Zero));
    }

    public Task<bool> WriteFileAsync(string path, string content, FileSpec spec, CancellationToken ct = default)
    {
        if (Files.TryGetValue(path, out var old) && old.Content == content)
        {
            return Task.FromResult(false);
        }
        Files[path] = (content, ++clock);
        ChangedFiles.Add(path);
        return Task.FromResult(true);
    }

    public Task<string?> ReadFileAsync(string path, CancellationToken ct = default) =>
        Task.FromResult(Files.TryGetValue(path, out var f) ? f.Content : null);

    public Task<bool> ExistsAsync(string path, CancellationToken ct = default)
    {
        const string bootLinks = "/etc/runlevels/boot/";
        var exists = path.StartsWith(bootLinks, StringComparison.Ordinal)
            ? Boot.Contains(path[bootLinks.Length..])
            : Files.ContainsKey(path) || Directories.Contains(path);
        return Task.FromResult(exists);
    }

    private bool Service(string[] args)
    {
        var (condition, service, action) = args[0].StartsWith("--", StringComparison.Ordinal)
            ? (args[0], args[1], args[2])
            : ("", args[0], args[1]);
        var running = Started.ContainsKey(service);
        if ((condition == "--ifstarted" && !running) || (condition == "--ifnotstarted" && running))
        {
            return true;
        }
        switch (action)
        {
            case "status":
                return running;
            case "stop":
                return Started.Remove(service);
            case "start" or "restart":
                Started[service] = ++clock;
                return true;
            default:
                throw new InvalidOperationException($"{Name}: the fake host cannot '{action}' a service");
        }
    }

    private static bool Do(Action action)
    {
        action();
        return true;
    }
}
