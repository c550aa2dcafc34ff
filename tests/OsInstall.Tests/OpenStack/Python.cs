using OsInstall.Tests.Bind;

namespace OsInstall.Tests.OpenStack;

/// <summary>Debian's /usr/bin/python3 (the machine's default python3 is another interpreter without the OpenStack packages).</summary>
internal static class Python
{
    public const string Interpreter = "/usr/bin/python3";

    public static Task<(int Exit, string Output)> RunAsync(params string[] args) =>
        Tool.RunAsync(Tool.Require(Interpreter), args);

    /// <summary>python3 -m py_compile on the source given as text (written to a temp .py file).</summary>
    public static async Task<(int Exit, string Output)> CompileAsync(string source, string name = "script.py")
    {
        var dir = Directory.CreateTempSubdirectory("osinstall-py-");
        try
        {
            var path = Path.Combine(dir.FullName, name);
            await File.WriteAllTextAsync(path, source);
            return await RunAsync("-m", "py_compile", path);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
