using System.Text;

namespace OsInstall.Tests.Simulation;

/// <summary>One call a stand-in recorded: the command name and its arguments, each exactly as received.</summary>
public sealed record SimulatedCall(string Command, IReadOnlyList<string> Args)
{
    /// <summary>Arguments joined by spaces, for substring assertions.</summary>
    public string ArgLine => string.Join(' ', Args);

    public override string ToString() => $"{Command} {ArgLine}";

    /// <summary>Parses a calls.log: records of "argc NUL name NUL arg NUL ... ".</summary>
    public static IReadOnlyList<SimulatedCall> ParseLog(byte[] log)
    {
        var fields = Encoding.UTF8.GetString(log).Split('\0');
        var calls = new List<SimulatedCall>();
        var i = 0;
        while (i + 1 < fields.Length && int.TryParse(fields[i], out var argc) && i + 2 + argc <= fields.Length)
        {
            calls.Add(new SimulatedCall(fields[i + 1], fields[(i + 2)..(i + 2 + argc)]));
            i += 2 + argc;
        }
        return calls;
    }
}
