using System.Diagnostics;

namespace OsInstall.Tests.Prepare;

/// <summary>Runs a command line under busybox sh, the shell Alpine hosts run our commands with.</summary>
internal static class BusyboxShell
{
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(string command)
    {
        var psi = new ProcessStartInfo("busybox")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("sh");
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(command);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("busybox did not start: apt-get install busybox-static");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
