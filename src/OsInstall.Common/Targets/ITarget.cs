namespace OsInstall.Common.Targets;

/// <summary>
/// A host as a component sees it: run a command, write/read a file, test a path.
/// Implementations: SSH, local, dry-run; <see cref="LoggingTarget"/> wraps any of them.
/// </summary>
public interface ITarget
{
    /// <summary>Host name as in the config (or container name).</summary>
    string Name { get; }

    /// <summary>Runs a shell command line; never throws for a non-zero exit (see <see cref="TargetExtensions.RunCheckedAsync"/>).</summary>
    Task<CommandResult> RunAsync(string command, CancellationToken ct = default);

    /// <summary>Writes content to path with mode and owner; returns false when the file already had exactly that content and mode.</summary>
    Task<bool> WriteFileAsync(string path, string content, FileSpec spec, CancellationToken ct = default);

    /// <summary>The file's content, or null when it does not exist.</summary>
    Task<string?> ReadFileAsync(string path, CancellationToken ct = default);

    Task<bool> ExistsAsync(string path, CancellationToken ct = default);

    /// <summary>
    /// Writes several files, in order, each as <see cref="WriteFileAsync"/> would (atomic, mode and
    /// owner, written only when it differs); returns for each whether it changed. Stops at the first
    /// that fails. A shell target does them all in one command (one round trip); this default writes
    /// them one by one.
    /// </summary>
    async Task<IReadOnlyList<bool>> WriteFilesAsync(IReadOnlyList<FileWrite> files, CancellationToken ct = default)
    {
        var changed = new List<bool>(files.Count);
        foreach (var f in files)
        {
            changed.Add(await WriteFileAsync(f.Path, f.Content, f.Spec, ct).ConfigureAwait(false));
        }
        return changed;
    }
}

/// <summary>One file of <see cref="ITarget.WriteFilesAsync"/>.</summary>
public sealed record FileWrite(string Path, string Content, FileSpec Spec)
{
    public FileWrite(string path, string content)
        : this(path, content, FileSpec.Default)
    {
    }
}
