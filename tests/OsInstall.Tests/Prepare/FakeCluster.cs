using OsInstall.Common.Config;
using OsInstall.Common.Targets;

namespace OsInstall.Tests.Prepare;

/// <summary>One <see cref="FakeHost"/> per controller; records the waits for rebooted hosts, in order.</summary>
internal sealed class FakeCluster : ITargetProvider
{
    private readonly Lock gate = new();

    public FakeCluster(ClusterConfig config)
    {
        foreach (var c in config.Controllers)
        {
            Hosts[c.Name] = new FakeHost(c.Name);
        }
    }

    public Dictionary<string, FakeHost> Hosts { get; } = new(StringComparer.Ordinal);

    public List<string> Waits { get; } = [];

    public FakeHost this[string name] => Hosts[name];

    public Task<ITarget> GetAsync(string host, CancellationToken ct = default) => Task.FromResult<ITarget>(Hosts[host]);

    public Task WaitUntilReachableAsync(string host, TimeSpan timeout, CancellationToken ct = default)
    {
        lock (gate)
        {
            Waits.Add(host);
        }
        return Task.CompletedTask;
    }

    /// <summary>Answers every host's commands with <paramref name="exit"/>.</summary>
    public void Answer(Func<string, int> exit)
    {
        foreach (var h in Hosts.Values)
        {
            h.Exit = exit;
        }
    }

    public void ForgetHistory()
    {
        Waits.Clear();
        foreach (var h in Hosts.Values)
        {
            h.ForgetHistory();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
