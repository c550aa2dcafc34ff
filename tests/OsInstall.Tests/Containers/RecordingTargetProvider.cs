using OsInstall.Common.Targets;

namespace OsInstall.Tests.Containers;

/// <summary>Wraps a provider so that every command line sent to any host is kept (for shellcheck).</summary>
public sealed class RecordingTargetProvider(ITargetProvider inner, List<string> commands) : ITargetProvider
{
    public async Task<ITarget> GetAsync(string host, CancellationToken ct = default) =>
        new RecordingTarget(await inner.GetAsync(host, ct), commands);

    public Task WaitUntilReachableAsync(string host, TimeSpan timeout, CancellationToken ct = default) =>
        inner.WaitUntilReachableAsync(host, timeout, ct);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private sealed class RecordingTarget(ITarget target, List<string> commands) : ShellTarget
    {
        public override string Name => target.Name;

        public override Task<CommandResult> RunAsync(string command, CancellationToken ct = default)
        {
            lock (commands)
            {
                commands.Add(command);
            }
            return target.RunAsync(command, ct);
        }
    }
}
