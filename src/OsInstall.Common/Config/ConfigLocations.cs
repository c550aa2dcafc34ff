namespace OsInstall.Common.Config;

/// <summary>
/// Where each bound value sits in the YAML file, by path (networks.internal.cidr,
/// controllers[1].address), so that semantic rules can name a line too.
/// </summary>
public sealed class ConfigLocations
{
    private readonly Dictionary<string, (int Line, int Column)> positions = new(StringComparer.Ordinal);

    private readonly HashSet<string> failed = new(StringComparer.Ordinal);

    public void Record(string path, int line, int column) => positions.TryAdd(path, (line, column));

    /// <summary>The binder already reported this value (wrong type, missing, too long): rules leave it alone.</summary>
    public void MarkFailed(string path) => failed.Add(path);

    /// <summary>True when the binder reported <paramref name="path"/> or one of its ancestors.</summary>
    public bool HasFailed(string path)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
        {
            if (failed.Contains(p))
            {
                return true;
            }
        }
        return false;
    }

    public bool Contains(string path) => positions.ContainsKey(path);

    /// <summary>The position of <paramref name="path"/>, else of its nearest recorded ancestor (a key left at its default), else (0, 0).</summary>
    public (int Line, int Column) Find(string path)
    {
        var p = path;
        while (p.Length > 0)
        {
            if (positions.TryGetValue(p, out var pos))
            {
                return pos;
            }
            p = Parent(p);
        }
        return (0, 0);
    }

    public ConfigError Error(string path, string message)
    {
        var (line, column) = Find(path);
        return new ConfigError(path, line, column, message);
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }
}
