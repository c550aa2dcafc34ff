using OsInstall.Common.Targets;

namespace OsInstall.Tests.Bind;

/// <summary>
/// This machine, except that OpenRC (absent here) reports named as started: the named servers of
/// the test run in the foreground instead. Every other command runs for real.
/// </summary>
internal sealed class OpenRcStandInTarget(ITarget inner) : ITarget
{
    public string Name => inner.Name;

    public Task<CommandResult> RunAsync(string command, CancellationToken ct = default) =>
        command == "rc-service named status"
            ? Task.FromResult(new CommandResult(0, " * status: started\n", "", TimeSpan.Zero))
            : inner.RunAsync(command, ct);

    public Task<bool> WriteFileAsync(string path, string content, FileSpec spec, CancellationToken ct = default) =>
        inner.WriteFileAsync(path, content, spec, ct);

    public Task<string?> ReadFileAsync(string path, CancellationToken ct = default) => inner.ReadFileAsync(path, ct);

    public Task<bool> ExistsAsync(string path, CancellationToken ct = default) => inner.ExistsAsync(path, ct);
}
