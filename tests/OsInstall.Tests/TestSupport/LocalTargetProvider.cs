using OsInstall.Common.Targets;

namespace OsInstall.Tests.TestSupport;

/// <summary>Every host is this machine (commands under /bin/sh): for runner tests that need real exit codes.</summary>
public sealed class LocalTargetProvider : ITargetProvider
{
    public Task<ITarget> GetAsync(string host, CancellationToken ct = default) =>
        Task.FromResult<ITarget>(new LocalTarget(host, TimeSpan.FromSeconds(30)));

    public Task WaitUntilReachableAsync(string host, TimeSpan timeout, CancellationToken ct = default) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
