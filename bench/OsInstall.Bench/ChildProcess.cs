using System.Diagnostics;

namespace OsInstall.Bench;

/// <summary>Runs a program to its end: wall time, exit code, output and its peak resident memory (VmHWM, polled).</summary>
public static class ChildProcess
{
    public sealed record Outcome(int ExitCode, TimeSpan Wall, long PeakRssKiB, string Output);

    public static async Task<Outcome> RunAsync(string program, IEnumerable<string> args, bool watchMemory = false)
    {
        var psi = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        long peak = 0;
        if (watchMemory)
        {
            var status = $"/proc/{p.Id}/status";
            while (!p.HasExited)
            {
                peak = Math.Max(peak, ReadHighWaterMark(status));
                await Task.Delay(20).ConfigureAwait(false);
            }
        }
        await p.WaitForExitAsync().ConfigureAwait(false);
        sw.Stop();
        return new Outcome(p.ExitCode, sw.Elapsed, peak, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }

    private static long ReadHighWaterMark(string statusFile)
    {
        try
        {
            foreach (var line in File.ReadLines(statusFile))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process ended between the check and the read.
        }
        return 0;
    }
}
