namespace OsInstall.Common.Targets;

/// <summary>One action a dry run recorded.</summary>
public sealed record PlannedAction(string Host, string Kind, string Detail, string? Content = null, FileSpec? Spec = null)
{
    /// <summary>For writes: the target path.</summary>
    public string? Path { get; init; }
}

/// <summary>Collects the actions of a dry run, in order, across hosts.</summary>
public sealed class DryRunRecorder
{
    private readonly List<PlannedAction> actions = [];
    private readonly Lock gate = new();

    public void Add(PlannedAction action)
    {
        lock (gate)
        {
            actions.Add(action);
        }
    }

    public IReadOnlyList<PlannedAction> Snapshot()
    {
        lock (gate)
        {
            return [.. actions];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            actions.Clear();
        }
    }
}

/// <summary>
/// Records and nothing else: commands "succeed" with empty output, files read as absent.
/// Nothing leaves the machine.
/// </summary>
public sealed class DryRunTarget(string name, DryRunRecorder recorder) : ITarget
{
    public string Name { get; } = name;

    public Task<CommandResult> RunAsync(string command, CancellationToken ct = default)
    {
        recorder.Add(new PlannedAction(Name, "run", command));
        return Task.FromResult(new CommandResult(0, "", "", TimeSpan.Zero));
    }

    public Task<bool> WriteFileAsync(string path, string content, FileSpec spec, CancellationToken ct = default)
    {
        recorder.Add(new PlannedAction(Name, "write", $"{path} (mode {spec.Mode}, {spec.Owner}:{spec.Group}, {content.Length} bytes)", content, spec) { Path = path });
        return Task.FromResult(true);
    }

    public Task<string?> ReadFileAsync(string path, CancellationToken ct = default)
    {
        recorder.Add(new PlannedAction(Name, "read", path));
        return Task.FromResult<string?>(null);
    }

    public Task<bool> ExistsAsync(string path, CancellationToken ct = default)
    {
        recorder.Add(new PlannedAction(Name, "test", path));
        return Task.FromResult(false);
    }
}
