using OsInstall.Common.Targets;

namespace OsInstall.Tests.Rsyslog;

/// <summary>Hands out one <see cref="FakeAlpineHost"/> per configured host, kept across runs.</summary>
internal sealed class FakeAlpineHosts(IEnumerable<string> names) : ITargetProvider
{
    public Dictionary<string, FakeAlpineHost> Hosts { get; } = names.ToDictionary(n => n, FakeAlpineHost.Fresh, StringComparer.Ordinal);

    public Task<ITarget> GetAsync(string host, CancellationToken ct = default) => Task.FromResult<ITarget>(Hosts[host]);

    public Task WaitUntilReachableAsync(string host, TimeSpan timeout, CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>Forgets what the hosts were asked so far, keeping their state.</summary>
    public void ClearHistory()
    {
        foreach (var h in Hosts.Values)
        {
            h.Commands.Clear();
            h.ChangedFiles.Clear();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
