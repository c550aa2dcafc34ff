using System.Text.Json;
using System.Text.Json.Serialization;

namespace OsInstall.Common.Journal;

public enum ComponentState
{
    NotInstalled,
    Installing,
    Installed,
    Failed,
    Uninstalling,
    UninstallFailed,
}

/// <summary>What the journal knows of one component.</summary>
public sealed class ComponentRecord
{
    public ComponentState State { get; set; }
    public DateTimeOffset Updated { get; set; }
    /// <summary>Steps of the operation in progress (or that failed) that already finished: a rerun skips them.</summary>
    public List<string> CompletedSteps { get; set; } = [];
    public string? FailedStep { get; set; }
    public string? Error { get; set; }
}

/// <summary>
/// The state of every component, kept on controller-1 as a JSON file and rewritten atomically
/// after every step, so an interrupted run leaves it consistent.
/// </summary>
public sealed class InstallJournal
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private readonly string? path;
    private readonly Dictionary<string, ComponentRecord> records;
    private readonly Lock gate = new();

    private InstallJournal(string? path, Dictionary<string, ComponentRecord> records)
    {
        this.path = path;
        this.records = records;
    }

    /// <summary>A journal that is never saved (dry runs).</summary>
    public static InstallJournal InMemory() => new(null, new(StringComparer.Ordinal));

    public static InstallJournal Load(string path)
    {
        var records = File.Exists(path)
            ? JsonSerializer.Deserialize<Dictionary<string, ComponentRecord>>(File.ReadAllText(path), Json) ?? new()
            : new Dictionary<string, ComponentRecord>();
        return new InstallJournal(path, new Dictionary<string, ComponentRecord>(records, StringComparer.Ordinal));
    }

    public ComponentRecord Get(string component)
    {
        lock (gate)
        {
            return records.TryGetValue(component, out var r) ? r : new ComponentRecord();
        }
    }

    /// <summary>Names of the components in state Installed.</summary>
    public IReadOnlySet<string> Installed()
    {
        lock (gate)
        {
            return records.Where(r => r.Value.State == ComponentState.Installed).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        }
    }

    public void Update(string component, Action<ComponentRecord> change)
    {
        lock (gate)
        {
            if (!records.TryGetValue(component, out var r))
            {
                r = new ComponentRecord();
                records[component] = r;
            }
            change(r);
            r.Updated = DateTimeOffset.UtcNow;
            Save();
        }
    }

    private void Save()
    {
        if (path is null)
        {
            return;
        }
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(records, Json));
        File.Move(tmp, path, overwrite: true);
    }
}
