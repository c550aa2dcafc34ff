namespace OsInstall.Common.Targets;

/// <summary>A target that does everything through shell commands: files cost one command each.</summary>
public abstract class ShellTarget : ITarget
{
    public abstract string Name { get; }

    public abstract Task<CommandResult> RunAsync(string command, CancellationToken ct = default);

    public async Task<bool> WriteFileAsync(string path, string content, FileSpec spec, CancellationToken ct = default)
    {
        var command = ShellFileOps.WriteCommand(path, content, spec);
        var result = await RunAsync(command, ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new CommandFailedException(Name, $"write {path}", result);
        }
        return result.StdOut.Contains(ShellFileOps.Changed, StringComparison.Ordinal);
    }

    public async Task<string?> ReadFileAsync(string path, CancellationToken ct = default)
    {
        var result = await RunAsync(ShellFileOps.ReadCommand(path), ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new CommandFailedException(Name, $"read {path}", result);
        }
        return ShellFileOps.ParseRead(result);
    }

    public async Task<bool> ExistsAsync(string path, CancellationToken ct = default) =>
        (await RunAsync(ShellFileOps.ExistsCommand(path), ct).ConfigureAwait(false)).Succeeded;
}
