namespace OsInstall.Common.Targets;

/// <summary>Hands out the target for a host; real providers keep one connection per host for the whole run.</summary>
public interface ITargetProvider : IAsyncDisposable
{
    /// <summary>The target for a configured host (controller or compute node) by name.</summary>
    Task<ITarget> GetAsync(string host, CancellationToken ct = default);

    /// <summary>
    /// After a host was told to reboot: drop its connection, then wait until it answers again
    /// (a fresh connection with a verified host key) or the timeout passes (HostUnreachableException).
    /// </summary>
    Task WaitUntilReachableAsync(string host, TimeSpan timeout, CancellationToken ct = default);
}

/// <summary>Every host is a <see cref="DryRunTarget"/> writing into one recorder.</summary>
public sealed class DryRunTargetProvider(DryRunRecorder recorder) : ITargetProvider
{
    public DryRunRecorder Recorder { get; } = recorder;

    public Task<ITarget> GetAsync(string host, CancellationToken ct = default) =>
        Task.FromResult<ITarget>(new DryRunTarget(host, Recorder));

    public Task WaitUntilReachableAsync(string host, TimeSpan timeout, CancellationToken ct = default)
    {
        Recorder.Add(new PlannedAction(host, "wait", $"until {host} answers again (at most {timeout.TotalSeconds:F0}s)"));
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
