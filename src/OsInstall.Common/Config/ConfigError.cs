namespace OsInstall.Common.Config;

/// <summary>
/// One problem in the config (or secrets file): its YAML path (networks.internal.cidr,
/// controllers[1].address; a secret's name), line and column (1-based; 0 when the problem has
/// no place in the file, e.g. a config built in code), and what is wrong. Problems with the file
/// as a whole use a pseudo-path: (file) encoding, size, emptiness; (yaml) syntax; (indentation)
/// tabs; (document) a second document; (root) the top level is not a map.
/// </summary>
public sealed record ConfigError(string Path, int Line, int Column, string Message)
{
    // A path holds a map key as written, which may be anything: shown escaped, like values in messages.
    public override string ToString() =>
        Line > 0 ? $"line {Line}: {PrintableText.Escape(Path)}: {Message}" : $"{PrintableText.Escape(Path)}: {Message}";
}
