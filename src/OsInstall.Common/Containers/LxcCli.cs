using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Common.Containers;

/// <summary>
/// lxc-* command lines for one LXC path (the system default unless a test gives its own, so
/// that it only ever sees and touches containers it created).
/// </summary>
public sealed class LxcCli(string? lxcPath = null)
{
    public const string DefaultPath = "/var/lib/lxc";

    /// <summary>How long a container may take to reach RUNNING after lxc-start (no prompt, unlike the original).</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public string Path { get; } = lxcPath ?? DefaultPath;

    public string ConfigPath(string container) => $"{Path}/{container}/config";

    public string Command(string tool, string container, params string[] args) =>
        Sh.Join([tool, "-n", container, .. lxcPath is null ? Array.Empty<string>() : ["-P", lxcPath], .. args]);

    /// <summary>RUNNING, STOPPED, ...; null when LXC knows no such container.</summary>
    public async Task<string?> StateAsync(ITarget host, string container, CancellationToken ct)
    {
        var result = await host.RunAsync(Command("lxc-info", container, "-s"), ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return null;
        }
        var line = result.StdOut.Split('\n').FirstOrDefault(l => l.StartsWith("State:", StringComparison.Ordinal));
        return line?["State:".Length..].Trim();
    }

    public async Task<bool> IsRunningAsync(ITarget host, string container, CancellationToken ct) =>
        await StateAsync(host, container, ct).ConfigureAwait(false) == "RUNNING";

    /// <summary>
    /// Starts the container unless it runs, then waits (bounded) until LXC reports it RUNNING;
    /// a dry run (<paramref name="wait"/> false) only plans the start: nothing would ever report RUNNING.
    /// </summary>
    public async Task EnsureRunningAsync(ITarget host, string container, CancellationToken ct, bool wait = true)
    {
        if (await IsRunningAsync(host, container, ct).ConfigureAwait(false))
        {
            return;
        }
        await host.RunCheckedAsync(Command("lxc-start", container, "-d"), ct).ConfigureAwait(false);
        if (!wait)
        {
            return;
        }
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await IsRunningAsync(host, container, ct).ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{container} on {host.Name} is not RUNNING {StartTimeout.TotalSeconds:F0}s after lxc-start");
            }
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the container if it runs (its post-stop hook unmaps the root disk).</summary>
    public async Task EnsureStoppedAsync(ITarget host, string container, CancellationToken ct)
    {
        if (await IsRunningAsync(host, container, ct).ConfigureAwait(false))
        {
            await host.RunCheckedAsync(Command("lxc-stop", container, "-t", "60"), ct).ConfigureAwait(false);
        }
    }

    /// <summary>A command run inside the container by its own /bin/sh.</summary>
    public string AttachCommand(string container, string command) =>
        Command("lxc-attach", container, "--", "/bin/sh", "-c", command);
}
