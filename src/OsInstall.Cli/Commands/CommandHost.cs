using OsInstall.Cli.Services;
using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Journal;
using OsInstall.Common.Secrets;
using OsInstall.Components;
using Spectre.Console;

namespace OsInstall.Cli.Commands;

/// <summary>Runs a command body and maps its outcome to an exit code and a clear message.</summary>
public static class CommandHost
{
    public static async Task<int> RunAsync(IAnsiConsole console, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (ConfigInvalidException ex)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(ex.ConfigSource)}: {ex.Errors.Count} problem(s); nothing was done");
            foreach (var e in ex.Errors)
            {
                console.MarkupLine($"  {Markup.Escape(e.ToString())}");
            }
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is NotReadyException or UnknownComponentException or RunLockedException or SecretMissingException or UsageException)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Message)}");
            return ExitCodes.BadInput;
        }
        catch (StepFailedException ex)
        {
            console.MarkupLine($"[red]failed:[/] {Markup.Escape(ex.Message)}");
            console.MarkupLine("[grey]fix the cause and run the same command again: finished steps are not repeated[/]");
            return ExitCodes.StepFailed;
        }
        catch (OperationCanceledException)
        {
            console.MarkupLine("[yellow]interrupted:[/] stopped after the running command; the journal records where. Run the same command again to continue.");
            return ExitCodes.Interrupted;
        }
        catch (Common.Targets.HostUnreachableException ex)
        {
            console.MarkupLine($"[red]failed:[/] {Markup.Escape(ex.Message)}");
            return ExitCodes.StepFailed;
        }
    }
}

/// <summary>Bad usage found after parsing (e.g. --from and --only together).</summary>
public sealed class UsageException(string message) : Exception(message);
