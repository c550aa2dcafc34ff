using OsInstall.Cli;
using Spectre.Console;

namespace OsInstall.Tests.TestSupport;

/// <summary>Runs the CLI in-process and captures everything it prints.</summary>
public static class CliRun
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(params string[] args) => await RunAsync(CancellationToken.None, args);

    public static async Task<Result> RunAsync(CancellationToken stop, params string[] args)
    {
        var buffer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(buffer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 250;
        var code = await CliApp.RunAsync(args, console, buffer, buffer, stop);
        return new Result(code, buffer.ToString());
    }
}
