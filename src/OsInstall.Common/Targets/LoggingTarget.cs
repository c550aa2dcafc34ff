using Serilog;

namespace OsInstall.Common.Targets;

/// <summary>
/// Logs every action of the wrapped target: host, command, exit code, duration and output.
/// File contents are never logged (they may hold secrets); path, mode and whether it changed are.
/// </summary>
/// <remarks>
/// <paramref name="stop"/> is the run's Ctrl-C: it is tested before every action, never passed to a
/// running command, so an interrupted run stops after the command in flight and not inside it.
/// </remarks>
public sealed class LoggingTarget(ITarget inner, ILogger log, CancellationToken stop = default) : ITarget
{
    public string Name => inner.Name;

    public ITarget Inner => inner;

    public async Task<CommandResult> RunAsync(string command, CancellationToken ct = default)
    {
        stop.ThrowIfCancellationRequested();
        ct = CancellationToken.None;
        log.Debug("[{Host}] $ {Command}", Name, command);
        CommandResult result;
        try
        {
            result = await inner.RunAsync(command, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.Error("[{Host}] $ {Command} -> {Error}", Name, command, ex.Message);
            throw;
        }
        log.Information("[{Host}] exit={Exit} {Duration}ms $ {Command}{Out}{Err}",
            Name, result.ExitCode, (long)result.Duration.TotalMilliseconds, command,
            Block("stdout", result.StdOut), Block("stderr", result.StdErr));
        return result;
    }

    public async Task<bool> WriteFileAsync(string path, string content, FileSpec spec, CancellationToken ct = default)
    {
        stop.ThrowIfCancellationRequested();
        ct = CancellationToken.None;
        var started = DateTime.UtcNow;
        var changed = await inner.WriteFileAsync(path, content, spec, ct).ConfigureAwait(false);
        log.Information("[{Host}] write {Path} mode={Mode} owner={Owner}:{Group} bytes={Bytes} {State} {Duration}ms",
            Name, path, spec.Mode, spec.Owner, spec.Group, content.Length, changed ? "changed" : "unchanged",
            (long)(DateTime.UtcNow - started).TotalMilliseconds);
        return changed;
    }

    /// <summary>One action for the inner target (one round trip on a shell target), one log line per file.</summary>
    public async Task<IReadOnlyList<bool>> WriteFilesAsync(IReadOnlyList<FileWrite> files, CancellationToken ct = default)
    {
        stop.ThrowIfCancellationRequested();
        ct = CancellationToken.None;
        var started = DateTime.UtcNow;
        IReadOnlyList<bool> changed;
        try
        {
            changed = await inner.WriteFilesAsync(files, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.Error("[{Host}] write {Paths} -> {Error}", Name, string.Join(' ', files.Select(f => f.Path)), ex.Message);
            throw;
        }
        var duration = (long)(DateTime.UtcNow - started).TotalMilliseconds;
        for (var i = 0; i < files.Count; i++)
        {
            var (path, content, spec) = files[i];
            log.Information("[{Host}] write {Path} mode={Mode} owner={Owner}:{Group} bytes={Bytes} {State} {Duration}ms (batch of {Count})",
                Name, path, spec.Mode, spec.Owner, spec.Group, content.Length, changed[i] ? "changed" : "unchanged", duration, files.Count);
        }
        return changed;
    }

    public async Task<string?> ReadFileAsync(string path, CancellationToken ct = default)
    {
        stop.ThrowIfCancellationRequested();
        ct = CancellationToken.None;
        var content = await inner.ReadFileAsync(path, ct).ConfigureAwait(false);
        log.Information("[{Host}] read {Path} -> {State}", Name, path, content is null ? "absent" : $"{content.Length} bytes");
        return content;
    }

    public async Task<bool> ExistsAsync(string path, CancellationToken ct = default)
    {
        stop.ThrowIfCancellationRequested();
        ct = CancellationToken.None;
        var exists = await inner.ExistsAsync(path, ct).ConfigureAwait(false);
        log.Information("[{Host}] test -e {Path} -> {Exists}", Name, path, exists);
        return exists;
    }

    private static string Block(string label, string text) =>
        string.IsNullOrWhiteSpace(text) ? "" : $"\n  {label}: {text.TrimEnd().Replace("\n", "\n  | ", StringComparison.Ordinal)}";
}
