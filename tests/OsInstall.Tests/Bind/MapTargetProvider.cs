using OsInstall.Common.Targets;

namespace OsInstall.Tests.Bind;

/// <summary>Hands out fixed targets by host name.</summary>
internal sealed class MapTargetProvider(IReadOnlyDictionary<string, ITarget> hosts) : ITargetProvider
{
    public Task<ITarget> GetAsync(string host, CancellationToken ct = default) => Task.FromResult(hosts[host]);

    public Task WaitUntilReachableAsync(string host, TimeSpan timeout, CancellationToken ct = default) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
