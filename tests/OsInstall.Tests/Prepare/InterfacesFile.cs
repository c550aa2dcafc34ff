using System.Net;

namespace OsInstall.Tests.Prepare;

/// <summary>
/// Just enough of the ifupdown format to check a rendered /etc/network/interfaces: "auto" lines,
/// "iface NAME inet METHOD" stanzas and the indented options under them.
/// </summary>
internal sealed class InterfacesFile
{
    public List<string> Auto { get; } = [];

    public Dictionary<string, Stanza> Ifaces { get; } = new(StringComparer.Ordinal);

    public sealed record Stanza(string Name, string Family, string Method, List<(string Key, string Value)> Options);

    public static InterfacesFile Parse(string text)
    {
        var file = new InterfacesFile();
        Stanza? current = null;
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd();
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }
            var words = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (char.IsWhiteSpace(line[0]))
            {
                if (current is null)
                {
                    throw new FormatException($"line {number}: option outside an iface stanza: {line}");
                }
                current.Options.Add((words[0], string.Join(' ', words[1..])));
                continue;
            }
            switch (words[0])
            {
                case "auto" when words.Length >= 2:
                    file.Auto.AddRange(words[1..]);
                    current = null;
                    break;
                case "iface" when words.Length == 4 && words[2] is "inet" && words[3] is "static" or "manual" or "loopback" or "dhcp":
                    if (file.Ifaces.ContainsKey(words[1]))
                    {
                        throw new FormatException($"line {number}: interface {words[1]} defined twice");
                    }
                    current = new Stanza(words[1], words[2], words[3], []);
                    file.Ifaces[words[1]] = current;
                    break;
                default:
                    throw new FormatException($"line {number}: not an ifupdown line: {line}");
            }
        }
        foreach (var name in file.Auto.Where(n => !file.Ifaces.ContainsKey(n)))
        {
            throw new FormatException($"auto {name} has no iface stanza");
        }
        foreach (var stanza in file.Ifaces.Values.Where(s => s.Method == "static"))
        {
            foreach (var key in new[] { "address", "netmask" })
            {
                var value = stanza.Options.FirstOrDefault(o => o.Key == key).Value;
                if (value is null || !IPAddress.TryParse(value, out _))
                {
                    throw new FormatException($"iface {stanza.Name}: {key} missing or not an address");
                }
            }
        }
        return file;
    }

    public string Option(string iface, string key) => Ifaces[iface].Options.Single(o => o.Key == key).Value;
}
