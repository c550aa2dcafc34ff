using System.Diagnostics;

namespace OsInstall.Tests.Bind;

/// <summary>Runs a program of this machine with literal arguments (no shell) and returns its exit code and output.</summary>
internal static class Tool
{
    public static async Task<(int Exit, string Output)> RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        // A cap for a hung tool, not a timing check: the oslo checker loads a whole service's option definitions and takes a minute on a busy machine.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(300));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, await stdout + await stderr);
    }

    /// <summary>The Debian tool, failing the test with a clear message when it is not installed.</summary>
    public static string Require(string path) =>
        File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: install the packages in tests/packages.d/bind.txt");
}
