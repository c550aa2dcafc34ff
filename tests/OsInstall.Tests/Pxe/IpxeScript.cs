namespace OsInstall.Tests.Pxe;

/// <summary>
/// A small reader of iPXE scripts, enough to check what boot.ipxe does: the #!ipxe header, labels,
/// and each command with its words and its "|| ..." fallback. Comments and blank lines are skipped.
/// </summary>
internal sealed class IpxeScript
{
    public sealed record Command(int Line, string Name, IReadOnlyList<string> Args, Command? OnFailure);

    private IpxeScript(bool hasHeader, IReadOnlyList<Command> commands, IReadOnlyDictionary<string, int> labels)
    {
        HasHeader = hasHeader;
        Commands = commands;
        Labels = labels;
    }

    public bool HasHeader { get; }
    public IReadOnlyList<Command> Commands { get; }
    /// <summary>Label name -> index of the first command after it.</summary>
    public IReadOnlyDictionary<string, int> Labels { get; }

    public static IpxeScript Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var hasHeader = lines.Length > 0 && lines[0].TrimEnd() == "#!ipxe";
        var commands = new List<Command>();
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = hasHeader ? 1 : 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (line.StartsWith(':'))
            {
                if (!labels.TryAdd(line[1..], commands.Count))
                {
                    throw new FormatException($"line {i + 1}: label '{line}' defined twice");
                }
                continue;
            }
            commands.Add(ParseCommand(i + 1, line));
        }
        return new IpxeScript(hasHeader, commands, labels);
    }

    /// <summary>The only command with this name (the test fails on none or several).</summary>
    public Command Single(string name)
    {
        var found = Commands.Where(c => c.Name == name).ToList();
        return found.Count == 1 ? found[0] : throw new InvalidOperationException($"expected one '{name}' command, found {found.Count}");
    }

    /// <summary>The commands run after "goto label" (to the end of the script).</summary>
    public IReadOnlyList<Command> After(string label) =>
        Labels.TryGetValue(label, out var at) ? Commands.Skip(at).ToList() : throw new InvalidOperationException($"no label :{label}");

    private static Command ParseCommand(int line, string text)
    {
        var split = text.IndexOf(" || ", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var failure = split < 0 ? null : ParseCommand(line, text[(split + 4)..].Trim());
        var words = head.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new Command(line, words[0], words[1..], failure);
    }
}
