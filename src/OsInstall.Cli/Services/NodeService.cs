using OsInstall.Cli.Commands;
using OsInstall.Common.Dns;
using OsInstall.Common.Targets;
using Spectre.Console;

namespace OsInstall.Cli.Services;

/// <summary>node add/remove: the compute node's config entry and its DNS records (nova on the node is the compute component's job).</summary>
public sealed class NodeService(IAnsiConsole console)
{
    public Task<int> AddAsync(Settings settings, string name, string address, CancellationToken ct) =>
        RunAsync(settings, nodes => nodes.AddAsync(name, address, ct), $"compute node {name} ({address})", "added", ct);

    public Task<int> RemoveAsync(Settings settings, string name, CancellationToken ct) =>
        RunAsync(settings, nodes => nodes.RemoveAsync(name, ct), $"compute node {name}", "removed", ct);

    private async Task<int> RunAsync(Settings settings, Func<ComputeNodes, Task<ComputeNodeResult>> action, string what, string verb, CancellationToken ct)
    {
        if (!settings.ConfigGiven && !File.Exists(settings.ConfigPath))
        {
            throw new UsageException($"node add/remove edits the config file: name it with --config (there is no {settings.ConfigPath})");
        }
        await using var session = CliSession.Open(settings, dryRun: false, []);
        var primary = await session.Targets.GetAsync(session.Config.FirstController.Name, ct).ConfigureAwait(false);
        ComputeNodeResult result;
        try
        {
            result = await action(new ComputeNodes(settings.ConfigPath, c => DnsRecordService.ForConfig(primary, c))).ConfigureAwait(false);
        }
        catch (ComputeNodeRefusedException ex)
        {
            throw new UsageException(ex.Message);
        }
        catch (Exception ex) when (ex is CommandFailedException or DnsZoneMissingException)
        {
            console.MarkupLine($"[red]failed:[/] {Markup.Escape(session.Masker.Apply(ex.Message))}");
            return ExitCodes.StepFailed;
        }
        console.MarkupLine($"[green]{verb}:[/] {Markup.Escape(what)}: config {(result.ConfigChanged ? "updated" : "unchanged")}, DNS {(result.DnsChanged ? "updated and reloaded" : "unchanged")}");
        return ExitCodes.Ok;
    }
}
