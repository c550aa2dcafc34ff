using System.Security.Cryptography;
using System.Text;
using OsInstall.Common.Shell;

namespace OsInstall.Common.Targets;

/// <summary>
/// File operations expressed as one shell command each, so that a real host (local or SSH)
/// needs exactly one round trip per file. Uses only POSIX sh + busybox tools (base64, sha256sum).
/// </summary>
public static class ShellFileOps
{
    public const string Unchanged = "osinstall:unchanged";
    public const string Changed = "osinstall:changed";

    /// <summary>
    /// Writes atomically (temp file + mv) only when content or mode/owner differ; prints
    /// <see cref="Changed"/> or <see cref="Unchanged"/>.
    /// </summary>
    public static string WriteCommand(string path, string content, FileSpec spec)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var b64 = Convert.ToBase64String(bytes);
        var p = Sh.Quote(path);
        var dir = Sh.Quote(DirectoryOf(path));
        var tmp = Sh.Quote(path + ".osinstall-tmp");
        var owner = Sh.Quote($"{spec.Owner}:{spec.Group}");
        var mode = Sh.Quote(spec.Mode);
        var wantMode = Sh.Quote(spec.Mode.TrimStart('0').PadLeft(3, '0'));
        return
            $"if [ -f {p} ] && [ \"$(sha256sum {p} | cut -d' ' -f1)\" = {sha} ] && [ \"$(stat -c %a {p})\" = {wantMode} ]; " +
            $"then echo {Unchanged}; " +
            $"else mkdir -p {dir} && printf %s {Sh.Quote(b64)} | base64 -d > {tmp} && chmod {mode} {tmp} && chown {owner} {tmp} && mv -f {tmp} {p} && echo {Changed}; fi";
    }

    /// <summary>The changed/unchanged answers of one or more <see cref="WriteCommand"/>s, in order.</summary>
    public static IReadOnlyList<bool> ParseWrites(string stdout) =>
        [.. stdout.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l is Changed or Unchanged)
            .Select(l => l == Changed)];

    public static string ReadCommand(string path) =>
        $"if [ -f {Sh.Quote(path)} ]; then echo osinstall:present; base64 {Sh.Quote(path)}; else echo osinstall:absent; fi";

    public static string? ParseRead(CommandResult result)
    {
        var lines = result.StdOut.Split('\n', 2);
        if (lines[0].Trim() != "osinstall:present")
        {
            return null;
        }
        var b64 = lines.Length > 1 ? lines[1].Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal) : "";
        return Encoding.UTF8.GetString(Convert.FromBase64String(b64));
    }

    public static string ExistsCommand(string path) => $"test -e {Sh.Quote(path)}";

    private static string DirectoryOf(string path)
    {
        var i = path.LastIndexOf('/');
        return i <= 0 ? "/" : path[..i];
    }
}
