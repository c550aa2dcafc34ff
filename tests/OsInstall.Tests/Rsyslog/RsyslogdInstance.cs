using System.Diagnostics;
using System.Text;

namespace OsInstall.Tests.Rsyslog;

/// <summary>
/// One rsyslogd this test started, in the foreground, with its own config, pid file, socket and
/// directories under <see cref="Root"/>. Only this process is ever killed.
/// </summary>
internal sealed class RsyslogdInstance : IAsyncDisposable
{
    private readonly StringBuilder output = new();
    private Process? process;

    public RsyslogdInstance(string name, string root)
    {
        Name = name;
        Root = root;
        Directory.CreateDirectory(WorkDirectory);
        Directory.CreateDirectory(LogDirectory);
    }

    public string Name { get; }
    public string Root { get; }
    public string ConfPath => Path.Combine(Root, "rsyslog.conf");
    public string PidFile => Path.Combine(Root, "rsyslogd.pid");
    public string SocketPath => Path.Combine(Root, "log.sock");
    public string WorkDirectory => Path.Combine(Root, "work");
    public string LogDirectory => Path.Combine(Root, "log");

    public bool Running => process is { HasExited: false };

    /// <summary>What rsyslogd printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public void Start(string conf)
    {
        File.WriteAllText(ConfPath, conf);
        Restart();
    }

    /// <summary>Starts rsyslogd again on the config it had: a collector coming back.</summary>
    public void Restart()
    {
        if (Running)
        {
            throw new InvalidOperationException($"rsyslogd for {Name} is still running");
        }
        process?.Dispose();
        var psi = new ProcessStartInfo(ExternalTool.Require("rsyslogd"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-n", "-f", ConfPath, "-i", PidFile })
        {
            psi.ArgumentList.Add(a);
        }
        process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start rsyslogd for {Name}");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>SIGKILL, as a crashed or powered-off collector: no orderly shutdown of its connections.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The content of a log file under this instance's log directory ("" while it does not exist).</summary>
    public string ReadLog(string file)
    {
        var path = Path.Combine(LogDirectory, file);
        if (!File.Exists(path))
        {
            return "";
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Polls until <paramref name="text"/> is in the file or <paramref name="timeout"/> passes.</summary>
    public async Task<bool> WaitForLogAsync(string file, string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (ReadLog(file).Contains(text, StringComparison.Ordinal))
            {
                return true;
            }
            await Task.Delay(200);
        }
        return ReadLog(file).Contains(text, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
