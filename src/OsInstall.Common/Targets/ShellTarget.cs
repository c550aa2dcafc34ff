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
    /// Longest command a batch grows to: a command may end up as one argument (sh -c, lxc-attach),
    /// and Linux refuses a single argument over 128 KiB. A file longer than this alone is written
    /// alone, as <see cref="WriteFileAsync"/> would.
    /// </summary>
    public const int MaxBatchCommandLength = 64 * 1024;

    /// <summary>
    /// The files in as few commands as fit <see cref="MaxBatchCommandLength"/> (usually one): the
    /// <see cref="ShellFileOps.WriteCommand"/> of each, joined so that the first failing one stops
    /// the rest; each prints its own changed/unchanged answer, in order.
    /// </summary>
    public async Task<IReadOnlyList<bool>> WriteFilesAsync(IReadOnlyList<FileWrite> files, CancellationToken ct = default)
    {
        var changed = new List<bool>(files.Count);
        var batch = new List<(FileWrite File, string Command)>();
        var length = 0;
        foreach (var file in files)
        {
            var command = ShellFileOps.WriteCommand(file.Path, file.Content, file.Spec);
            if (batch.Count > 0 && length + command.Length > MaxBatchCommandLength)
            {
                changed.AddRange(await WriteBatchAsync(batch, ct).ConfigureAwait(false));
                batch.Clear();
                length = 0;
            }
            batch.Add((file, command));
            length += command.Length + 8;
        }
        if (batch.Count > 0)
        {
            changed.AddRange(await WriteBatchAsync(batch, ct).ConfigureAwait(false));
        }
        return changed;
    }

    private async Task<IReadOnlyList<bool>> WriteBatchAsync(List<(FileWrite File, string Command)> batch, CancellationToken ct)
    {
        var result = await RunAsync(Sh.AllOf(batch.Select(b => b.Command)), ct).ConfigureAwait(false);
        var answers = ShellFileOps.ParseWrites(result.StdOut);
        if (!result.Succeeded || answers.Count != batch.Count)
        {
            // The first file without an answer is the one that failed.
            var failed = batch[Math.Min(answers.Count, batch.Count - 1)].File.Path;
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
