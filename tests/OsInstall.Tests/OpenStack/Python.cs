using System.Diagnostics;

namespace OsInstall.Tests.OpenStack;

/// <summary>Debian's /usr/bin/python3 (the machine's default python3 is another interpreter without the OpenStack packages).</summary>
internal static class Python
{
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>Loading a service's definitions takes seconds, and minutes on a machine busy with other test classes.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        if (!File.Exists(Interpreter))
        {
            throw new InvalidOperationException($"{Interpreter} is missing: install the packages in tests/packages.d/openstack.txt");
        }
        var psi = new ProcessStartInfo(Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, await stdout + await stderr);
    }

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
