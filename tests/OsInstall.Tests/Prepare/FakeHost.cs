using OsInstall.Common.Targets;
using OsInstall.Components.Prepare;

namespace OsInstall.Tests.Prepare;

/// <summary>
/// A host with an in-memory file system: writes report changed/unchanged like the real target layer,
/// commands are recorded and answer with <see cref="Exit"/>. It understands exactly the reboot
/// marker's set/clear commands, so that reboot decisions can be followed across runs.
/// </summary>
internal sealed class FakeHost(string name) : ITarget
{
    private readonly Lock gate = new();

    public string Name { get; } = name;

    public Dictionary<string, (string Content, FileSpec Spec)> Files { get; } = new(StringComparer.Ordinal);

    public List<string> Commands { get; } = [];

    public List<string> ChangedWrites { get; } = [];

    /// <summary>The kernel's boot id as the host reports it; empty like a chroot without /proc unless a test sets it.</summary>
    public string BootId { get; set; } = "";

    /// <summary>Exit code per command; 0 unless a test says otherwise.</summary>
    public Func<string, int> Exit { get; set; } = _ => 0;

    public Task<CommandResult> RunAsync(string command, CancellationToken ct = default)
    {
        lock (gate)
        {
            Commands.Add(command);
            if (command == RebootMarker.MarkCommand)
            {
                Files[PreparePaths.RebootMarker] = (BootId + "\n", FileSpec.Default);
            }
            else if (command == RebootMarker.BootIdCommand)
            {
                return Task.FromResult(new CommandResult(Exit(command), BootId + "\n", "", TimeSpan.Zero));
            }
            else if (command == RebootMarker.ClearCommand)
            {
                Files.Remove(PreparePaths.RebootMarker);
            }
            return Task.FromResult(new CommandResult(Exit(command), "", "", TimeSpan.Zero));
        }
    }

    public Task<bool> WriteFileAsync(string path, string content, FileSpec spec, CancellationToken ct = default)
    {
        lock (gate)
        {
            var changed = !Files.TryGetValue(path, out var old) || old.Content != content || old.Spec != spec;
            Files[path] = (content, spec);
            if (changed)
            {
                ChangedWrites.Add(path);
            }
            return Task.FromResult(changed);
        }
    }

    public Task<string?> ReadFileAsync(string path, CancellationToken ct = default)
    {
        lock (gate)
        {
            return Task.FromResult(Files.TryGetValue(path, out var f) ? f.Content : null);
        }
    }

    public Task<bool> ExistsAsync(string path, CancellationToken ct = default)
    {
        lock (gate)
        {
            return Task.FromResult(Files.ContainsKey(path));
        }
    }

    public void ForgetHistory()
    {
        lock (gate)
        {
            Commands.Clear();
            ChangedWrites.Clear();
        }
    }
}
