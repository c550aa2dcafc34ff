using System.CommandLine;
using OsInstall.Cli.Services;
using Spectre.Console;

namespace OsInstall.Cli.Commands;

/// <summary>osinstall container list|resize|flatten: the LXC containers on the controllers and their RBD disks.</summary>
public static class ContainerCommand
{
    public static Command Build(IAnsiConsole console)
    {
        var container = new Command("container", "the control plane's LXC containers: list, grow a disk, detach from its parent snapshot");

        var list = new Command("list", "containers per controller: state, disk size, parent snapshot");
        list.SetAction((parse, ct) => CommandHost.RunAsync(console, () => new ContainerService(console).ListAsync(Settings.From(parse), ct)));
        container.Subcommands.Add(list);

        var resizeName = new Argument<string>("NAME") { Description = "container, e.g. keystone-2" };
        var size = new Argument<string>("SIZE") { Description = "new disk size: 512M, 2G, ... (grow only)" };
        var resize = new Command("resize", "grow a container's RBD disk and its filesystem") { resizeName, size };
        resize.SetAction((parse, ct) => CommandHost.RunAsync(console, () =>
            new ContainerService(console).ResizeAsync(Settings.From(parse), parse.GetValue(resizeName)!, parse.GetValue(size)!, ct)));
        container.Subcommands.Add(resize);

        var flattenName = new Argument<string>("NAME") { Description = "container, e.g. keystone-2" };
        var flatten = new Command("flatten", "copy the shared blocks into the container's disk, detaching it from its parent snapshot") { flattenName };
        flatten.SetAction((parse, ct) => CommandHost.RunAsync(console, () =>
            new ContainerService(console).FlattenAsync(Settings.From(parse), parse.GetValue(flattenName)!, ct)));
        container.Subcommands.Add(flatten);
        return container;
    }
}
