using System.Diagnostics;
using System.Text;

namespace OsInstall.Tests.TestSupport;

/// <summary>One daemon this test run started in the foreground (named, ovsdb-server, ...); its output is kept for failure messages.</summary>
internal sealed class ForegroundProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private ForegroundProcess(Process process)
    {
        this.process = process;
    }

    public static ForegroundProcess Start(string file, params string[] args)
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
        var p = new ForegroundProcess(Process.Start(psi)!);
        p.process.ErrorDataReceived += (_, e) => p.Append(e.Data);
        p.process.OutputDataReceived += (_, e) => p.Append(e.Data);
        p.process.BeginErrorReadLine();
        p.process.BeginOutputReadLine();
        return p;
    }

    public bool HasExited => process.HasExited;

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        finally
        {
            process.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            log.AppendLine(line);
        }
    }
}
