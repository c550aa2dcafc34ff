using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Journal;
using OsInstall.Common.Targets;
using OsInstall.Components;
using OsInstall.Components.SampleVm;
using OsInstall.Tests.Bind;
using OsInstall.Tests.Config;
using OsInstall.Tests.OpenStack;
using OsInstall.Tests.Prepare;
using OsInstall.Tests.TestSupport;
using Xunit;

namespace OsInstall.Tests.SampleVm;

/// <summary>The dry run of sample-vm, its shell under shellcheck, the image conversion with the real qemu-img, and its config rules.</summary>
public sealed class SampleVmTests
{
    private static ClusterConfig ShippedConfigObject()
    {
        var result = ConfigLoader.LoadText(ShippedConfig.Text);
        Assert.True(result.Ok, string.Join('\n', result.Errors));
        return result.Config!;
    }

    private static async Task<IReadOnlyList<string>> DryRunAsync(ClusterConfig config, bool uninstall = false)
    {
        var recorder = new DryRunRecorder();
        await using var provider = new DryRunTargetProvider(recorder);
        var journal = InstallJournal.InMemory();
        journal.Update("keystone", r => r.State = ComponentState.Installed);
        var runner = new ComponentRunner(config, OpenStackTestSecrets.Create(), ComponentCatalog.Templates, provider, journal,
            new RunOptions { LogDir = "/nonexistent/dry-run-writes-no-log", DryRun = true });
        await (uninstall
            ? runner.UninstallAsync([new SampleVmInstaller()], CancellationToken.None)
            : runner.InstallAsync([new SampleVmInstaller()], CancellationToken.None));
        var actions = recorder.Snapshot();
        Assert.All(actions, a => Assert.Equal(config.FirstController.Name, a.Host));
        return actions.Where(a => a.Kind == "run").Select(a => a.Detail).ToList();
    }

    [Fact]
    public void Component_is_found_by_the_catalog_with_its_order_and_runs_on_controller_1_only()
    {
        var component = Assert.Single(ComponentCatalog.All, c => c.Name == "sample-vm");
        Assert.Equal(210, component.Order);
        var config = ShippedConfigObject();
        Assert.Equal([config.FirstController.Name], component.Hosts(config));
    }

    [Fact]
    public async Task Dry_run_lists_every_create_each_behind_its_check()
    {
        var commands = await DryRunAsync(ShippedConfigObject());
        string[] creates =
        [
            "openstack image create", "openstack flavor create", "openstack volume create", "openstack network create",
            "openstack subnet create", "openstack router create", "openstack router set", "openstack router add subnet",
            "openstack security group create", "openstack security group rule create", "openstack keypair create",
            "openstack server create", "openstack floating ip create", "openstack server add floating ip", "wget -q -O", "qemu-img convert",
            "ssh-keygen",
        ];
        foreach (var create in creates)
        {
            Assert.Contains(commands, c => c.Contains(create, StringComparison.Ordinal));
        }
        Assert.Equal(2, commands.Count(c => c.Contains("openstack network create", StringComparison.Ordinal)));
        Assert.Equal(2, commands.Count(c => c.Contains("openstack subnet create", StringComparison.Ordinal)));
        Assert.Equal(2, commands.Count(c => c.Contains("openstack security group rule create", StringComparison.Ordinal)));
        // Each openstack create sits behind its look-up in the same command (nothing is decided from an earlier answer).
        Assert.All(commands.Where(c => c.Contains("openstack", StringComparison.Ordinal) && c.Contains(" create ", StringComparison.Ordinal)),
            c => Assert.Matches(@"openstack (\w+ )+(show|list) .*(\|\||case)", c));
    }

    [Fact]
    public async Task Dry_run_of_the_uninstall_lists_every_delete()
    {
        var commands = await DryRunAsync(ShippedConfigObject(), uninstall: true);
        foreach (var delete in new[]
        {
            "openstack server delete --wait", "openstack floating ip delete", "openstack keypair delete", "openstack security group delete",
            "openstack router remove subnet", "openstack router delete", "openstack subnet delete", "openstack network delete",
            "openstack flavor delete", "openstack volume delete", "openstack image delete",
        })
        {
            Assert.Contains(commands, c => c.Contains(delete, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Every_install_uninstall_and_verify_command_passes_shellcheck()
    {
        var config = ShippedConfigObject();
        var commands = (await DryRunAsync(config))
            .Concat(await DryRunAsync(config, uninstall: true))
            .Append(SampleVmCommands.ServerStatus(config))
            .Append(SampleVmCommands.FloatingIps(config))
            .Distinct()
            .ToList();
        Assert.DoesNotContain(commands, c => c.Contains('\n', StringComparison.Ordinal));
        // SC1091: admin-openrc is a file on controller-1, not given to shellcheck.
        var (exit, output) = await ShellCheck.RunAsync(string.Join('\n', commands) + "\n", exclude: "SC1091");
        var failing = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':'))
            .Where(parts => parts.Length > 2 && int.TryParse(parts[1], out _))
            .Select(parts => $"{commands[int.Parse(parts[1], CultureInfo.InvariantCulture) - 1]}\n  {string.Join(':', parts[2..])}");
        Assert.True(exit == 0, string.Join("\n", failing) + "\n" + output);
    }

    [Fact]
    public void Names_come_from_the_config_the_image_from_the_file_of_its_url()
    {
        var config = ShippedConfigObject();
        config.SampleVm.ImageUrl = "https://mirror.example/alpine/v3.22/releases/cloud/generic_alpine-3.22.0-x86_64-bios-cloudinit-r0.qcow2?sig=1";
        var n = new SampleVmNames(config);
        Assert.Equal("generic_alpine-3.22.0-x86_64-bios-cloudinit-r0", n.Image);
        Assert.Equal("/var/lib/osinstall/sample-vm/generic_alpine-3.22.0-x86_64-bios-cloudinit-r0.raw", n.RawImage);
        Assert.Equal("/var/lib/osinstall/sample-vm/generic_alpine-3.22.0-x86_64-bios-cloudinit-r0.qcow2.download", n.Download);
        Assert.Equal(config.SampleVm.Name, n.Server);
        Assert.Equal(config.SampleVm.Name, n.Volume);
    }

    [Fact]
    public async Task The_download_is_converted_to_raw_by_the_real_qemu_img_once()
    {
        using var dir = new TempDir("osinstall-sample-vm-image");
        var qcow2 = dir.File("cloud.qcow2");
        await RunAsync("qemu-img", "create", "-q", "-f", "qcow2", qcow2, "24M");
        var served = 0;
        using var server = new ImageServer(await File.ReadAllBytesAsync(qcow2), () => Interlocked.Increment(ref served));
        var download = dir.File("cloud.qcow2.download");
        var raw = dir.File("cloud.raw");
        var command = SampleVmCommands.FetchRaw($"{server.Url}cloud.qcow2", download, raw);

        await RunAsync("sh", "-c", command);
        await RunAsync("sh", "-c", command);

        Assert.Equal(1, served);
        var info = JsonDocument.Parse(await RunAsync("qemu-img", "info", "--output", "json", raw)).RootElement;
        Assert.Equal("raw", info.GetProperty("format").GetString());
        Assert.Equal(24L * 1024 * 1024, info.GetProperty("virtual-size").GetInt64());
        Assert.False(File.Exists(download));
        Assert.False(File.Exists(raw + ".partial"));
    }

    [Fact]
    public async Task A_failed_download_leaves_no_raw_image_behind()
    {
        using var dir = new TempDir("osinstall-sample-vm-image");
        var raw = dir.File("cloud.raw");
        using var server = new ImageServer(null, () => { });
        var command = SampleVmCommands.FetchRaw($"{server.Url}missing.qcow2", dir.File("missing.download"), raw);
        var (exit, _) = await Tool.RunAsync("sh", "-c", command);
        Assert.NotEqual(0, exit);
        Assert.False(File.Exists(raw));
    }

    [Fact]
    public void Allocation_pool_outside_the_cidr_names_the_key() =>
        ShippedConfig.Expect("  external_pool_start: 10.1.2.210", "  external_pool_start: 10.1.3.210",
            "sample_vm.external_pool_start", "outside its network", "sample_vm.external_network_cidr");

    [Fact]
    public void Gateway_inside_the_allocation_pool_names_the_key() =>
        ShippedConfig.Expect("  internal_network_gateway: 192.168.0.1", "  internal_network_gateway: 192.168.0.150",
            "sample_vm.internal_network_gateway", "inside the allocation pool 192.168.0.100-192.168.0.200");

    [Fact]
    public void Flavor_without_vcpus_names_the_key() =>
        ShippedConfig.Expect("  flavor_vcpus: 1", "  flavor_vcpus: 0", "sample_vm.flavor_vcpus", "at least 1");

    [Fact]
    public void Keypair_public_key_that_is_not_one_key_line_names_the_key() =>
        ShippedConfig.Expect("  keypair_public_key: \"\"", "  keypair_public_key: \"-----BEGIN OPENSSH PRIVATE KEY-----\"",
            "sample_vm.keypair_public_key", "not one OpenSSH public key line");

    [Fact]
    public void Router_name_with_shell_characters_names_the_key() =>
        ShippedConfig.Expect("  router_name: router", "  router_name: \"router; reboot\"", "sample_vm.router_name", "not a plain name");

    [Fact]
    public async Task Cli_dry_run_prints_the_commands_and_bad_config_stops_it_naming_the_key()
    {
        using var dir = new TempDir("osinstall-sample-vm-cli");
        var ok = await CliRun.RunAsync("component", "install", "sample-vm", "--dry-run", "--config", TestSupport.RepoPaths.ExampleConfig, "--secrets", dir.File("s.yaml"));
        Assert.True(ok.ExitCode == 0, ok.Output);
        Assert.Contains("openstack server create", ok.Output, StringComparison.Ordinal);

        var (yaml, _) = ShippedConfig.Edit("  internal_pool_end: 192.168.0.200", "  internal_pool_end: 192.168.1.200");
        var path = dir.File("common.yaml");
        await File.WriteAllTextAsync(path, yaml);
        var bad = await CliRun.RunAsync("component", "install", "sample-vm", "--dry-run", "--config", path, "--secrets", dir.File("s.yaml"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("sample_vm.internal_pool_end", bad.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("openstack server create", bad.Output, StringComparison.Ordinal);
    }

    private static async Task<string> RunAsync(string file, params string[] args)
    {
        var (exit, output) = await Tool.RunAsync(file, args);
        Assert.True(exit == 0, $"{file} {string.Join(' ', args)}: exit {exit}\n{output}");
        return output;
    }

    /// <summary>A loopback HTTP server that serves one file (or 404 for everything when none).</summary>
    private sealed class ImageServer : IDisposable
    {
        private readonly HttpListener listener = new();
        private readonly Task loop;

        public ImageServer(byte[]? content, Action onServed)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}/";
            listener.Prefixes.Add(Url);
            listener.Start();
            loop = Task.Run(async () =>
            {
                while (listener.IsListening)
                {
                    HttpListenerContext ctx;
                    try
                    {
                        ctx = await listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }
                    if (content is null)
                    {
                        ctx.Response.StatusCode = 404;
                    }
                    else
                    {
                        onServed();
                        ctx.Response.ContentLength64 = content.Length;
                        await ctx.Response.OutputStream.WriteAsync(content);
                    }
                    ctx.Response.Close();
                }
            });
        }

        public string Url { get; }

        public void Dispose()
        {
            listener.Stop();
            listener.Close();
            loop.Wait(TimeSpan.FromSeconds(10));
        }
    }
}
