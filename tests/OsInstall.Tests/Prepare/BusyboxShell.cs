using System.Diagnostics;

namespace OsInstall.Tests.Prepare;

/// <summary>Runs a command line under busybox sh, the shell Alpine hosts run our commands with.</summary>
internal static class BusyboxShell
{
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(string command, string? stubDir = null)
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
        if (stubDir is not null)
        {
            psi.Environment["PATH"] = $"{stubDir}:{Environment.GetEnvironmentVariable("PATH")}";
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("busybox did not start: apt-get install busybox-static");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>A stand-in command: a script that logs its arguments to <paramref name="name"/>.log and runs <paramref name="body"/>.</summary>
    public static void Stub(string dir, string name, string body = "exit 0")
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, $"#!/bin/sh\necho \"$*\" >> \"{path}.log\"\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
