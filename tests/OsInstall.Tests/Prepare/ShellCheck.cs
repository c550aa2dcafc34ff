using System.Diagnostics;

namespace OsInstall.Tests.Prepare;

/// <summary>Runs Debian's shellcheck (tests/packages.d/prepare.txt) on a script given as text.</summary>
internal static class ShellCheck
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string script, string shell = "sh", string? exclude = null)
    {
        var psi = new ProcessStartInfo("shellcheck")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var args = new List<string> { "--shell", shell, "--format", "gcc", "--severity", "style" };
        if (exclude is not null)
        {
            args.Add($"--exclude={exclude}");
        }
        args.Add("-");
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("shellcheck did not start: apt-get install shellcheck");
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
