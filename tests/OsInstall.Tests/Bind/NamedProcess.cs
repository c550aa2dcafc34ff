using System.Diagnostics;
using System.Text;

namespace OsInstall.Tests.Bind;

/// <summary>One named this test run started in the foreground; its log is kept for failure messages.</summary>
internal sealed class NamedProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private NamedProcess(Process process)
    {
        this.process = process;
    }

    public static NamedProcess Start(string confPath)
    {
        var psi = new ProcessStartInfo(Tool.Require("/usr/sbin/named"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // -g: foreground, log to stderr; -n 1: one worker, the machine is shared.
        foreach (var a in new[] { "-g", "-n", "1", "-c", confPath })
        {
            psi.ArgumentList.Add(a);
        }
        var p = new NamedProcess(Process.Start(psi)!);
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
