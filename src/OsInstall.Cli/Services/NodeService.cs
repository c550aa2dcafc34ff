using OsInstall.Cli.Commands;
using OsInstall.Common.Config;
using OsInstall.Common.Dns;
using OsInstall.Common.Targets;
using OsInstall.Components.Compute;
using Spectre.Console;

namespace OsInstall.Cli.Services;

/// <summary>
/// node add/remove. add: the config entry and DNS records, then the compute component on that node
/// only. remove: the compute component's uninstall on that node (services, nova compute service,
/// placement provider, DNS records), then the config entry. The node's steps are journaled under
/// compute@NAME, apart from the cluster's compute record.
/// </summary>
public sealed class NodeService(IAnsiConsole console, TextWriter? echo = null)
{
    public async Task<int> AddAsync(Settings settings, string name, string address, bool dryRun, CancellationToken ct)
    {
        RequireConfigFile(settings);
        if (dryRun)
        {
            return await DryRunAddAsync(settings, name, address, ct).ConfigureAwait(false);
        }
        var edited = await EditAsync(settings, nodes => nodes.AddAsync(name, address, ct), $"compute node {name} ({address})", "added", ct).ConfigureAwait(false);
        if (edited != ExitCodes.Ok)
        {
            return edited;
        }
        return await Install(settings, name, uninstall: false, dryRun: false, ct).ConfigureAwait(false);
    }

    public async Task<int> RemoveAsync(Settings settings, string name, bool dryRun, CancellationToken ct)
    {
        RequireConfigFile(settings);
        var (config, _, _) = CliSession.LoadInputs(settings);
        if (config.Controllers.Any(c => c.Name == name))
        {
            throw new UsageException($"{name} is a controller, not a compute node");
        }
        var inConfig = config.ComputeNodes.Any(n => n.Name == name);
        if (inConfig)
        {
            var removed = await Install(settings, name, uninstall: true, dryRun, ct).ConfigureAwait(false);
            if (removed != ExitCodes.Ok)
            {
                return removed;
            }
        }
        else
        {
            console.MarkupLine($"[grey]{Markup.Escape(name)} is not in the config: nothing to uninstall on it; its DNS records are checked[/]");
        }
        if (dryRun)
        {
            console.MarkupLine($"[yellow]would remove:[/] compute node {Markup.Escape(name)}: its entry in {Markup.Escape(settings.ConfigPath)} and its A and PTR records on {Markup.Escape(config.FirstController.Name)}");
            return ExitCodes.Ok;
        }
        return await EditAsync(settings, nodes => nodes.RemoveAsync(name, ct), $"compute node {name}", "removed", ct).ConfigureAwait(false);
    }

    private static void RequireConfigFile(Settings settings)
    {
        if (!settings.ConfigGiven && !File.Exists(settings.ConfigPath))
        {
            throw new UsageException($"node add/remove edits the config file: name it with --config (there is no {settings.ConfigPath})");
        }
    }

    /// <summary>The component on the one node, through the same runner and console output as component install.</summary>
    private Task<int> Install(Settings settings, string name, bool uninstall, bool dryRun, CancellationToken ct) =>
        new InstallService(console, echo).RunAsync(settings, [new ComputeInstaller(name)], uninstall, dryRun, force: true, ct);

    /// <summary>The config as it would be, in a file of its own, and the install planned against it; the real config is not touched.</summary>
    private async Task<int> DryRunAddAsync(Settings settings, string name, string address, CancellationToken ct)
    {
        var text = await File.ReadAllTextAsync(settings.ConfigPath, ct).ConfigureAwait(false);
        var loaded = ConfigLoader.LoadText(text);
        if (!loaded.Ok)
        {
            throw new ConfigInvalidException(settings.ConfigPath, loaded.Errors);
        }
        var existing = loaded.Config!.ComputeNodes.FirstOrDefault(n => n.Name == name);
        if (existing is not null && existing.Address != address)
        {
            throw new UsageException($"compute node {name} is already in {settings.ConfigPath} with address {existing.Address}; remove it first");
        }
        var edited = existing is null ? ComputeNodeList.Append(text, name, address) : text;
        var check = ConfigLoader.LoadText(edited);
        if (!check.Ok)
        {
            throw new ConfigInvalidException(settings.ConfigPath, check.Errors);
        }
        console.MarkupLine(existing is null
            ? $"[yellow]would add:[/] compute node {Markup.Escape(name)} ({Markup.Escape(address)}) to compute_nodes in {Markup.Escape(settings.ConfigPath)}"
            : $"[grey]{Markup.Escape(name)} is in the config already[/]");
        console.MarkupLine($"[yellow]would set:[/] A {Markup.Escape(name)} {Markup.Escape(address)} and its PTR on {Markup.Escape(check.Config!.FirstController.Name)}, then reload the zones");
        var temp = Path.Combine(Path.GetTempPath(), $"osinstall-node-add-{Environment.ProcessId}-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(temp, edited, ct).ConfigureAwait(false);
        try
        {
            return await Install(settings with { ConfigPath = temp, ConfigGiven = true }, name, uninstall: false, dryRun: true, ct).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task<int> EditAsync(Settings settings, Func<ComputeNodes, Task<ComputeNodeResult>> action, string what, string verb, CancellationToken ct)
    {
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
