using OsInstall.Common.Shell;

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

    /// <summary>
    /// Every file in one command: the <see cref="ShellFileOps.WriteCommand"/> of each, joined so that
    /// the first failing one stops the rest; each prints its own changed/unchanged answer, in order.
    /// </summary>
    public async Task<IReadOnlyList<bool>> WriteFilesAsync(IReadOnlyList<FileWrite> files, CancellationToken ct = default)
    {
        if (files.Count == 0)
        {
            return [];
        }
        if (files.Count == 1)
        {
            return [await WriteFileAsync(files[0].Path, files[0].Content, files[0].Spec, ct).ConfigureAwait(false)];
        }
        var command = Sh.AllOf(files.Select(f => ShellFileOps.WriteCommand(f.Path, f.Content, f.Spec)));
        var result = await RunAsync(command, ct).ConfigureAwait(false);
        var answers = ShellFileOps.ParseWrites(result.StdOut);
        if (!result.Succeeded || answers.Count != files.Count)
        {
            // The first file without an answer is the one that failed.
            var failed = files[Math.Min(answers.Count, files.Count - 1)].Path;
            throw new CommandFailedException(Name, $"write {failed}", result);
        }
        return answers;
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
