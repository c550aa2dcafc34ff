namespace OsInstall.Tests.Pxe;

/// <summary>The option lines of a dnsmasq configuration (name, value), comments and blank lines skipped.</summary>
internal sealed class DnsmasqConf(IReadOnlyList<(string Name, string Value)> options)
{
    public IReadOnlyList<(string Name, string Value)> Options { get; } = options;

    public static DnsmasqConf Parse(string text) =>
        new(text.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.IndexOf('=', StringComparison.Ordinal) is var eq and >= 0 ? (l[..eq], l[(eq + 1)..]) : (l, ""))
            .ToList());

    public IReadOnlyList<string> All(string name) => Options.Where(o => o.Name == name).Select(o => o.Value).ToList();

    public string Single(string name) => All(name) is [var one] ? one : throw new InvalidOperationException($"expected one {name}= line, found {All(name).Count}");

    public bool Has(string name, string value) => All(name).Contains(value);
}
