using OsInstall.Common.Targets;

namespace OsInstall.Tests.Dns;

/// <summary>A host kept in memory: files with their spec, every command recorded, answers from a responder.</summary>
public sealed class MemoryTarget(string name, Func<string, CommandResult>? responder = null) : ITarget
{
    private readonly Lock gate = new();

    public string Name { get; } = name;

    public Dictionary<string, (string Content, FileSpec Spec)> Files { get; } = new(StringComparer.Ordinal);

    public List<string> Commands { get; } = [];

    public List<string> Reads { get; } = [];

    public List<string> Writes { get; } = [];

    public Task<CommandResult> RunAsync(string command, CancellationToken ct = default)
    {
        lock (gate)
        {
            Commands.Add(command);
        }
        return Task.FromResult(responder?.Invoke(command) ?? new CommandResult(0, "", "", TimeSpan.Zero));
    }

    public Task<bool> WriteFileAsync(string path, string content, FileSpec spec, CancellationToken ct = default)
    {
        lock (gate)
        {
            if (Files.TryGetValue(path, out var old) && old.Content == content && old.Spec == spec)
            {
                return Task.FromResult(false);
            }
            Files[path] = (content, spec);
            Writes.Add(path);
            return Task.FromResult(true);
        }
    }

    public Task<string?> ReadFileAsync(string path, CancellationToken ct = default)
    {
        lock (gate)
        {
            Reads.Add(path);
            return Task.FromResult(Files.TryGetValue(path, out var f) ? f.Content : null);
        }
    }

    public Task<bool> ExistsAsync(string path, CancellationToken ct = default)
    {
        lock (gate)
        {
            return Task.FromResult(Files.ContainsKey(path) || Files.Keys.Any(k => k.StartsWith(path.TrimEnd('/') + "/", StringComparison.Ordinal)));
        }
    }
}
