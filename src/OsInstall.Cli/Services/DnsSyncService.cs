using OsInstall.Common.Dns;
using OsInstall.Common.Ovn;
using OsInstall.Common.Targets;
using Spectre.Console;

namespace OsInstall.Cli.Services;

/// <summary>dns sync: reads the internal switch's ports from the northbound database and reconciles the zones on the DNS primary.</summary>
public sealed class DnsSyncService(IAnsiConsole console)
{
    public async Task<int> RunAsync(Settings settings, bool dryRun, CancellationToken ct)
    {
        // Even a dry run reads the live northbound database and zones: it shows the real difference.
        await using var session = CliSession.Open(settings, dryRun: false, [], needsLock: !dryRun);
        var primary = await session.Targets.GetAsync(session.Config.FirstController.Name, ct).ConfigureAwait(false);
        var sync = new DnsSync(OvnNorthbound.ForConfig(primary, session.Config), DnsRecordService.ForConfig(primary, session.Config), session.Config);
        DnsSyncResult result;
        try
        {
            result = await sync.RunAsync(dryRun, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CommandFailedException or DnsZoneMissingException)
        {
            console.MarkupLine($"[red]failed:[/] {Markup.Escape(session.Masker.Apply(ex.Message))}");
            return ExitCodes.StepFailed;
        }
        if (result.InSync)
        {
            console.MarkupLine("[green]in sync:[/] every port of the internal switch has its A and PTR record, and no stale record is left");
            return ExitCodes.Ok;
        }
        foreach (var change in result.Changes)
        {
            console.MarkupLine($"  {Markup.Escape(Describe(change))}");
        }
        console.MarkupLine(result.Applied
            ? $"[green]synced:[/] {result.Changes.Count} change(s); zones reloaded: {Markup.Escape(string.Join(", ", result.ChangedZones))}"
            : $"[yellow]dry run:[/] {result.Changes.Count} change(s) would be made; nothing was written");
        return ExitCodes.Ok;
    }

    private static string Describe(DnsChange change) => change.Kind switch
    {
        DnsChangeKind.SetA => $"add A   {change.Name} -> {change.Address}",
        DnsChangeKind.SetPtr => $"add PTR {change.Address} -> {change.Name}",
        DnsChangeKind.DeleteA => $"remove A   {change.Name}",
        DnsChangeKind.DeletePtr => $"remove PTR {change.Name}",
        _ => change.ToString(),
    };
}
