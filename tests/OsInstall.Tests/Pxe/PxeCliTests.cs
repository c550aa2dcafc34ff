using OsInstall.Components.Pxe;
using OsInstall.Tests.TestSupport;
using Xunit;

namespace OsInstall.Tests.Pxe;

public sealed class PxeCliTests
{
    [Fact]
    public async Task Render_with_the_example_config_writes_and_lists_every_file_then_reports_them_unchanged()
    {
        using var dir = new TempDir();
        var out1 = dir.File("pxe");
        var first = await CliRun.RunAsync("pxe", "render", "--out", out1, "--config", RepoPaths.ExampleConfig);
        Assert.True(first.ExitCode == 0, first.Output);
        foreach (var name in new[] { PxeLayout.DnsmasqConf, PxeLayout.BootScript, PxeLayout.Answers, PxeLayout.Overlay })
        {
            Assert.True(File.Exists(Path.Combine(out1, name)), name);
            Assert.Matches($"created +{System.Text.RegularExpressions.Regex.Escape(name)}", first.Output);
        }
        Assert.Contains("undionly.kpxe", first.Output, StringComparison.Ordinal);
        Assert.Contains("dnsmasq will give no one an address", first.Output, StringComparison.Ordinal);

        await File.WriteAllTextAsync(Path.Combine(out1, "notes.txt"), "mine");
        var second = await CliRun.RunAsync("pxe", "render", "--out", out1, "--config", RepoPaths.ExampleConfig);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("0 of 4 files written", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("created", second.Output, StringComparison.Ordinal);
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(out1, "notes.txt")));
    }

    [Fact]
    public async Task Render_with_a_local_mirror_in_config_boots_from_it()
    {
        using var dir = new TempDir();
        var config = dir.File("common.yaml");
        await File.WriteAllTextAsync(config, PxeRender.WithLocalMirror());
        var r = await CliRun.RunAsync("pxe", "render", "--out", dir.File("pxe"), "--config", config);
        Assert.True(r.ExitCode == 0, r.Output);
        var script = IpxeScript.Parse(await File.ReadAllTextAsync(dir.File("pxe/boot.ipxe")));
        Assert.Equal("http://10.1.1.1/alpine/v3.21/releases/aarch64/netboot/vmlinuz-lts", script.Single("kernel").Args[0]);
        Assert.Contains("Alpine 3.21 aarch64 from http://10.1.1.1/alpine", r.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_ipxe_key_exits_2_naming_it_and_writes_nothing()
    {
        using var dir = new TempDir();
        var config = dir.File("common.yaml");
        await File.WriteAllTextAsync(config, PxeRender.Yaml(("  tftp_root: /var/lib/tftpboot", "  tftp_rot: /var/lib/tftpboot")));
        var r = await CliRun.RunAsync("pxe", "render", "--out", dir.File("pxe"), "--config", config);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("ipxe.tftp_rot", r.Output, StringComparison.Ordinal);
        Assert.Contains("did you mean 'tftp_root'", r.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("pxe")));
    }

    [Fact]
    public async Task Serve_dry_run_prints_the_dnsmasq_command_and_starts_and_writes_nothing()
    {
        using var dir = new TempDir();
        var served = dir.File("served dir");
        var r = await CliRun.RunAsync("pxe", "serve", "--dry-run", "--dir", served, "--config", RepoPaths.ExampleConfig);
        Assert.True(r.ExitCode == 0, r.Output);
        var line = r.Output.Split('\n')[0].Trim();
        Assert.Equal($"/usr/sbin/dnsmasq --no-daemon '--conf-file={served}/dnsmasq.conf' --leasefile-ro", line);
        Assert.Contains("ipxe.serve is false", r.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(served));
    }

    [Fact]
    public async Task Serve_refuses_while_ipxe_serve_is_false()
    {
        using var dir = new TempDir();
        var r = await CliRun.RunAsync("pxe", "serve", "--dir", dir.File("pxe"), "--config", RepoPaths.ExampleConfig);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("set ipxe.serve: true", r.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("pxe")));
    }

    [Fact]
    public async Task A_directory_dnsmasq_conf_cannot_hold_is_refused()
    {
        using var dir = new TempDir();
        var r = await CliRun.RunAsync("pxe", "render", "--out", dir.File("pxe#1"), "--config", RepoPaths.ExampleConfig);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("cannot hold", r.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("pxe#1")));
    }
}
