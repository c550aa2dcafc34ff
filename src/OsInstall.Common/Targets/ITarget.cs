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
}
