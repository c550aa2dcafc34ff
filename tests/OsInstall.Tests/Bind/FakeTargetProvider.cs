using OsInstall.Common.Targets;

namespace OsInstall.Tests.Bind;

/// <summary>Hands out the fake hosts by name.</summary>
internal sealed class FakeTargetProvider(IReadOnlyDictionary<string, FakeAlpineHost> hosts) : ITargetProvider
{
    public Task<ITarget> GetAsync(string host, CancellationToken ct = default) => Task.FromResult<ITarget>(hosts[host].Target);

    public Task WaitUntilReachableAsync(string host, TimeSpan timeout, CancellationToken ct = default) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
