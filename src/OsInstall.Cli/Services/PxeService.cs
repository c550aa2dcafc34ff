using System.Diagnostics;
using System.Runtime.InteropServices;
using OsInstall.Cli.Commands;
using OsInstall.Common.Config;
using OsInstall.Components;
using OsInstall.Components.Pxe;
using Spectre.Console;

namespace OsInstall.Cli.Services;

/// <summary>pxe render and pxe serve: the network-boot directory, and dnsmasq + HTTP serving it on controller-1.</summary>
public sealed class PxeService(IAnsiConsole console)
{
    public async Task<int> RenderAsync(Settings settings, string outDir, CancellationToken ct)
    {
        var (config, _) = LoadConfig(settings);
        await RenderIntoAsync(config, Path.GetFullPath(outDir), ct).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    public async Task<int> ServeAsync(Settings settings, string? dirOption, bool dryRun, CancellationToken ct)
    {
        var (config, source) = LoadConfig(settings);
        var dir = Path.GetFullPath(dirOption ?? config.Ipxe.TftpRoot);
        var conf = Path.Combine(dir, PxeLayout.DnsmasqConf);
        var program = DnsmasqCommand.Find();
        var layout = PxeLayout.For(config);
        if (dryRun)
        {
            console.WriteLine(DnsmasqCommand.ShellLine(program ?? DnsmasqCommand.Program, conf));
            console.MarkupLine($"[grey]dry run: nothing rendered into {Markup.Escape(dir)}, nothing started; HTTP would be {Markup.Escape(layout.HttpBase)}/[/]");
            if (!config.Ipxe.Serve)
            {
                console.MarkupLine($"[yellow]note:[/] ipxe.serve is false in {Markup.Escape(source)}: a real serve would refuse");
            }
            if (program is null)
            {
                console.MarkupLine("[yellow]note:[/] dnsmasq is not installed here: a real serve would refuse");
            }
            return ExitCodes.Ok;
        }
        if (!config.Ipxe.Serve)
        {
            throw new UsageException($"ipxe.serve is false in {source}: pxe serve would run a DHCP server on the compute network ({config.Ipxe.Interface}); set ipxe.serve: true to allow it");
        }
        if (program is null)
        {
            throw new UsageException("dnsmasq is not installed on this machine: install it (Alpine: apk add dnsmasq; Debian: apt-get install dnsmasq-base) and run pxe serve again");
        }

        var files = await RenderIntoAsync(config, dir, ct).ConfigureAwait(false);
        using var http = new PxeHttpServer(dir, config.Ipxe.HttpPort, files.Select(f => f.Name).Intersect(PxeLayout.HttpFiles), layout.Server);
        try
        {
            http.Start();
        }
        catch (System.Net.HttpListenerException ex)
        {
            console.MarkupLine($"[red]failed:[/] cannot serve HTTP on {Markup.Escape(layout.HttpBase)} (is this controller-1, and is the port free?): {Markup.Escape(ex.Message)}");
            return ExitCodes.StepFailed;
        }
        http.Served += line => console.MarkupLine($"[grey]http: {Markup.Escape(line)}[/]");

        var psi = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (var arg in DnsmasqCommand.Arguments(conf))
        {
            psi.ArgumentList.Add(arg);
        }
        console.MarkupLine($"serving: {Markup.Escape(DnsmasqCommand.ShellLine(program, conf))}");
        console.MarkupLine($"  DHCP + TFTP on {Markup.Escape(config.Ipxe.Interface)}, HTTP on {Markup.Escape(layout.HttpBase)}/ ; Ctrl-C stops");
        using var stopHttp = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // A service manager stops us with SIGTERM: take dnsmasq down with us instead of orphaning it.
        using var terminate = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            terminate.Cancel();
        });
        var httpTask = http.RunAsync(stopHttp.Token);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {program}");
        try
        {
            await process.WaitForExitAsync(terminate.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process).ConfigureAwait(false);
            console.MarkupLine("[green]stopped:[/] dnsmasq and the HTTP server are down");
            return ExitCodes.Ok;
        }
        finally
        {
            await stopHttp.CancelAsync().ConfigureAwait(false);
            await httpTask.ConfigureAwait(false);
        }
        if (process.ExitCode != 0)
        {
            console.MarkupLine($"[red]failed:[/] dnsmasq exited with code {process.ExitCode} (its messages are above)");
            return ExitCodes.StepFailed;
        }
        console.MarkupLine("dnsmasq exited");
        return ExitCodes.Ok;
    }

    // dnsmasq keeps nothing worth a graceful shutdown (leases live in memory); a Ctrl-C at the
    // terminal has usually stopped it already, since it shares our process group.
    private static async Task StopAsync(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static (ClusterConfig Config, string Source) LoadConfig(Settings settings)
    {
        var (result, source) = ConfigSource.Load(settings);
        if (!result.Ok)
        {
            throw new ConfigInvalidException(source, result.Errors);
        }
        return (result.Config!, source);
    }

    private async Task<IReadOnlyList<PxeFile>> RenderIntoAsync(ClusterConfig config, string dir, CancellationToken ct)
    {
        // The directory becomes dnsmasq's tftp-root line: nothing that line cannot hold literally.
        if (dir.Any(c => char.IsControl(c) || c is '#' or '"'))
        {
            throw new UsageException($"the directory '{dir}' holds a control character, '#' or '\"', which dnsmasq.conf cannot hold: choose another");
        }
        var publicKeyPath = config.Ssh.KeyFile + ".pub";
        var publicKey = File.Exists(publicKeyPath) ? await File.ReadAllTextAsync(publicKeyPath, ct).ConfigureAwait(false) : null;
        var files = PxeFiles.Render(config, ComponentCatalog.Templates, dir, publicKey);
        var written = await PxeDirectory.WriteAsync(dir, files, ct).ConfigureAwait(false);

        console.MarkupLine($"network boot files in {Markup.Escape(dir)}:");
        foreach (var (file, change) in written)
        {
            var mark = change switch
            {
                PxeFileChange.Created => "[green]created  [/]",
                PxeFileChange.Updated => "[yellow]updated  [/]",
                _ => "[grey]unchanged[/]",
            };
            console.MarkupLine($"  {mark} {Markup.Escape(file.Name),-26} {Markup.Escape(file.Purpose)}");
        }
        var changed = written.Count(w => w.Change != PxeFileChange.Unchanged);
        console.MarkupLine($"{changed} of {written.Count} files written; other files in the directory were left alone");
        Notes(config, dir, publicKey is not null, publicKeyPath);
        return files;
    }

    private void Notes(ClusterConfig config, string dir, bool hasKey, string publicKeyPath)
    {
        var missing = new[] { PxeLayout.BiosLoader, PxeLayout.EfiLoader }.Where(f => !File.Exists(Path.Combine(dir, f))).ToList();
        if (missing.Count > 0)
        {
            console.MarkupLine($"[yellow]note:[/] not rendered and not in the directory: {Markup.Escape(string.Join(", ", missing))} (the iPXE binaries PXE firmware loads); copy them from an iPXE build (the ipxe package of Alpine or Debian ships both)");
        }
        if (!hasKey)
        {
            console.MarkupLine($"[yellow]note:[/] {Markup.Escape(publicKeyPath)} does not exist: installed nodes get no root SSH key, and osinstall cannot log in to them");
        }
        var withoutMac = config.AllHosts.Where(h => h.Mac is null).Select(h => h.Name).ToList();
        if (string.IsNullOrEmpty(config.Ipxe.DhcpRangeStart) && withoutMac.Count > 0)
        {
            console.MarkupLine(withoutMac.Count == config.AllHosts.Count()
                ? "[yellow]note:[/] no node has a mac and ipxe.dhcp_range_start/end are empty: dnsmasq will give no one an address"
                : $"[yellow]note:[/] without a mac and without a dynamic pool these nodes get no address: {Markup.Escape(string.Join(", ", withoutMac))}");
        }
    }
}
