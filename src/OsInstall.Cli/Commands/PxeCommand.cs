using System.CommandLine;
using OsInstall.Cli.Services;
using Spectre.Console;

namespace OsInstall.Cli.Commands;

/// <summary>osinstall pxe render|serve: network boot of the nodes (dnsmasq, iPXE, unattended setup-alpine).</summary>
public static class PxeCommand
{
    public static Command Build(IAnsiConsole console, Func<CancellationToken> stop)
    {
        var output = new Option<string>("--out") { Description = "directory to write the network-boot files into (other files there are left alone)", Required = true };
        var render = new Command("render", "write dnsmasq.conf, boot.ipxe, the setup-alpine answers and the apkovl for an unattended network install") { output };
        render.SetAction((parse, _) => CommandHost.RunAsync(console, () =>
            new PxeService(console).RenderAsync(Settings.From(parse), parse.GetValue(output)!, stop())));

        var dir = new Option<string?>("--dir") { Description = "directory to render into and serve from (default: ipxe.tftp_root)" };
        var dry = new Option<bool>("--dry-run") { Description = "print the dnsmasq command only; write and start nothing" };
        var serve = new Command("serve", "render, then run dnsmasq (DHCP + TFTP) in the foreground on this machine (controller-1) and serve the answers and apkovl over HTTP; Ctrl-C stops") { dir, dry };
        serve.SetAction((parse, _) => CommandHost.RunAsync(console, () =>
            new PxeService(console).ServeAsync(Settings.From(parse), parse.GetValue(dir), parse.GetValue(dry), stop())));

        return new Command("pxe", "network boot of the cluster's nodes") { render, serve };
    }
}
