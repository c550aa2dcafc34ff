using System.Diagnostics;
using System.Text;

namespace OsInstall.Tests.Resilience;

/// <summary>The built osinstall (osinstall.dll beside the tests) as a child process of its own, for signals and concurrent runs.</summary>
public sealed class OsinstallProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private OsinstallProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

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

    public static OsinstallProcess Start(IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "osinstall.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        return new OsinstallProcess(Process.Start(psi) ?? throw new InvalidOperationException("cannot start dotnet osinstall.dll"));
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> args)
    {
        using var p = Start(args);
        var code = await p.WaitAsync().ConfigureAwait(false);
        return (code, p.Output);
    }

    /// <summary>Waits for the end (at most two minutes: a hung run fails the test instead of the suite).</summary>
    public async Task<int> WaitAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("osinstall did not end within two minutes:\n" + Output);
        }
        process.WaitForExit(); // drains the output readers
        return process.ExitCode;
    }

    public void Kill() => process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
