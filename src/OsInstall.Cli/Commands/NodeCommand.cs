using System.CommandLine;
using OsInstall.Cli.Services;
using Spectre.Console;

namespace OsInstall.Cli.Commands;

/// <summary>osinstall node add|remove: a compute node on a running cluster (config entry, DNS records, the compute component on that node).</summary>
public static class NodeCommand
{
    public static Command Build(IAnsiConsole console, Func<CancellationToken> stop, TextWriter output)
    {
        var addName = new Argument<string>("NAME") { Description = "host name of the compute node (no domain)" };
        var addAddress = new Argument<string>("ADDRESS") { Description = "its address on the compute network" };
        var addDry = new Option<bool>("--dry-run") { Description = "print the config and DNS change and every command of the install; touch nothing" };
        var add = new Command("add", "add a compute node: append it to compute_nodes in the config file (validated before it is written), add its A record (compute.zone) and PTR (compute-reverse.zone), then install the compute component on that node only (journal record compute@NAME)")
        {
            addName, addAddress, addDry,
        };
        add.SetAction((parse, _) => CommandHost.RunAsync(console, () =>
            new NodeService(console, output).AddAsync(Settings.From(parse), parse.GetValue(addName)!, parse.GetValue(addAddress)!, parse.GetValue(addDry), stop())));

        var removeName = new Argument<string>("NAME") { Description = "host name of the compute node" };
        var yes = new Option<bool>("--yes") { Description = "do not ask before removing" };
        var removeDry = new Option<bool>("--dry-run") { Description = "print every command of the removal and the config and DNS change; touch nothing" };
        var remove = new Command("remove", "remove a compute node: stop and remove its services, delete its nova compute service and placement resource provider, then its A and PTR records and its entry in the config file")
        {
            removeName, yes, removeDry,
        };
        remove.SetAction((parse, _) => CommandHost.RunAsync(console, () =>
        {
            var name = parse.GetValue(removeName)!;
            var dryRun = parse.GetValue(removeDry);
            return dryRun || Confirm.Destructive(console, parse.GetValue(yes), $"remove compute node {name} from the cluster, the config and DNS")
                ? new NodeService(console, output).RemoveAsync(Settings.From(parse), name, dryRun, stop())
                : Task.FromResult(ExitCodes.BadInput);
        }));

        return new Command("node", "compute nodes on a running cluster: config entry, DNS records, the compute component on the node") { add, remove };
    }
}
