using System.CommandLine;
using OsInstall.Cli.Services;
using Spectre.Console;

namespace OsInstall.Cli.Commands;

/// <summary>osinstall node add|remove: compute nodes in the config file and in DNS.</summary>
public static class NodeCommand
{
    private const string Later = "Installing or removing nova/neutron on the node itself is not done here (a later issue: the compute component).";

    public static Command Build(IAnsiConsole console)
    {
        var addName = new Argument<string>("NAME") { Description = "host name of the compute node (no domain)" };
        var addAddress = new Argument<string>("ADDRESS") { Description = "its address on the compute network" };
        var add = new Command("add", $"add a compute node: append it to compute_nodes in the config file (validated before it is written) and add its A record (compute.zone) and PTR (compute-reverse.zone). {Later}")
        {
            addName, addAddress,
        };
        add.SetAction((parse, ct) => CommandHost.RunAsync(console, () =>
            new NodeService(console).AddAsync(Settings.From(parse), parse.GetValue(addName)!, parse.GetValue(addAddress)!, ct)));

        var removeName = new Argument<string>("NAME") { Description = "host name of the compute node" };
        var yes = new Option<bool>("--yes") { Description = "do not ask before removing" };
        var remove = new Command("remove", $"remove a compute node: its entry in the config file and its A and PTR records. {Later}")
        {
            removeName, yes,
        };
        remove.SetAction((parse, ct) => CommandHost.RunAsync(console, () =>
        {
            var name = parse.GetValue(removeName)!;
            return Confirm.Destructive(console, parse.GetValue(yes), $"remove compute node {name} from the config and DNS")
                ? new NodeService(console).RemoveAsync(Settings.From(parse), name, ct)
                : Task.FromResult(ExitCodes.BadInput);
        }));

        return new Command("node", "compute nodes: config entry and DNS records") { add, remove };
    }
}
