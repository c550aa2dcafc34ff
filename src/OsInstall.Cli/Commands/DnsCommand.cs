using System.CommandLine;
using OsInstall.Cli.Services;
using Spectre.Console;

namespace OsInstall.Cli.Commands;

/// <summary>osinstall dns sync: the zones follow the OVN ports.</summary>
public static class DnsCommand
{
    public static Command Build(IAnsiConsole console)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "show the record changes without writing the zones" };
        var sync = new Command("sync",
            "make compute.zone and internal-reverse.zone match the ports of the internal OVN switch: add missing A/PTR records, remove stale ones (node, controller and name server records are never touched)")
        {
            dryRun,
        };
        sync.SetAction((parse, ct) => CommandHost.RunAsync(console, () =>
            new DnsSyncService(console).RunAsync(Settings.From(parse), parse.GetValue(dryRun), ct)));
        return new Command("dns", "the cluster's DNS records") { sync };
    }
}
