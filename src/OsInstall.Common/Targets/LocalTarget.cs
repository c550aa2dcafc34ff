using System.Diagnostics;

namespace OsInstall.Common.Targets;

/// <summary>The machine osinstall runs on (controller-1): commands run under /bin/sh -c.</summary>
public sealed class LocalTarget(string name, TimeSpan commandTimeout) : ShellTarget
{
    public override string Name { get; } = name;

    public override async Task<CommandResult> RunAsync(string command, CancellationToken ct = default)
    {
        var psi = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(command);
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start /bin/sh");
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(commandTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return new CommandResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), sw.Elapsed);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (ct.IsCancellationRequested)
            {
                throw;
            }
            return new CommandResult(124, "", $"timed out after {commandTimeout}", sw.Elapsed);
        }
    }
}
