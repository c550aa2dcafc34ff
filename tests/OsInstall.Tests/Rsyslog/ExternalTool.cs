using System.Diagnostics;

namespace OsInstall.Tests.Rsyslog;

/// <summary>Runs a program of this machine (rsyslogd, logrotate, shellcheck, logger) and collects what it says.</summary>
internal static class ExternalTool
{
    public sealed record Result(int ExitCode, string Output)
    {
        public bool Succeeded => ExitCode == 0;
    }

    public static async Task<Result> RunAsync(string program, IEnumerable<string> args, CancellationToken ct, string? stdin = null)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {program}");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin.AsMemory(), ct);
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new Result(process.ExitCode, (await stdout) + (await stderr));
    }

    /// <summary>Where a program lives, or null when this machine lacks it.</summary>
    public static string? Find(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin"]))
        {
            var path = Path.Combine(dir, program);
            if (File.Exists(path))
            {
                return path;
            }
        }
        return null;
    }

    /// <summary>The program's path; fails the test when it is missing (tests/packages.d/rsyslog.txt installs it).</summary>
    public static string Require(string program) =>
        Find(program) ?? throw new InvalidOperationException($"{program} is not installed: see tests/packages.d/rsyslog.txt");
}
