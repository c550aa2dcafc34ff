using Spectre.Console;

namespace OsInstall.Cli;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // First Ctrl-C: stop after the running command (journal stays consistent). Second: default (kill).
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            if (!stop.IsCancellationRequested)
            {
                e.Cancel = true;
                stop.Cancel();
            }
        };
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            // Logs and pipes: do not wrap at 80 columns.
            console.Profile.Width = 200;
        }
        return await CliApp.RunAsync(args, console, Console.Out, Console.Error, stop.Token).ConfigureAwait(false);
    }
}
