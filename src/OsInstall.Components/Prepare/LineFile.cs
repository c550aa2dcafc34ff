using OsInstall.Common.Shell;

namespace OsInstall.Components.Prepare;

/// <summary>Appending one whole line to a text file that may or may not exist, or end in a newline.</summary>
internal static class LineFile
{
    /// <summary>Appends <paramref name="line"/> unless the file already has exactly that line.</summary>
    public static string AppendIfMissingCommand(string path, string line)
    {
        var file = Sh.Quote(path);
        var quoted = Sh.Quote(line);
        return $"if ! grep -qxF {quoted} {file} 2>/dev/null; then " +
            // A last line without its newline would swallow the appended one.
            $"if [ -s {file} ] && [ -n \"$(tail -c 1 {file})\" ]; then echo >> {file}; fi; " +
            $"printf {Sh.Quote("%s\\n")} {quoted} >> {file}; fi";
    }
}
