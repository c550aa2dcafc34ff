using OsInstall.Components.Pxe;
using Xunit;

namespace OsInstall.Tests.Pxe;

public sealed class BootScriptTests
{
    [Fact]
    public void The_default_boot_script_boots_alpine_from_the_public_mirror_with_every_required_argument()
    {
        using var r = new PxeRender(PxeRender.Yaml());
        var script = IpxeScript.Parse(r.Text(PxeLayout.BootScript));
        const string netboot = "https://dl-cdn.alpinelinux.org/alpine/v3.22/releases/x86_64/netboot";

        Assert.True(script.HasHeader, "boot.ipxe must start with #!ipxe");
        var kernel = script.Single("kernel");
        Assert.Equal($"{netboot}/vmlinuz-lts", kernel.Args[0]);
        var args = kernel.Args.Skip(1).ToList();
        Assert.Contains("alpine_repo=https://dl-cdn.alpinelinux.org/alpine/v3.22/main", args);
        Assert.Contains($"modloop={netboot}/modloop-lts", args);
        Assert.Contains("ip=dhcp", args);
        Assert.Contains("console=tty0", args);
        Assert.Contains("initrd=initramfs-lts", args);
        Assert.Contains("apkovl=http://10.1.1.1:8080/osinstall.apkovl.tar.gz", args);
        Assert.Contains("osinstall_hostname=${hostname}", args);
        Assert.Equal($"{netboot}/initramfs-lts", script.Single("initrd").Args.Single());
        var boot = script.Single("boot");
        Assert.Empty(boot.Args);

        // Order: kernel, then initrd, then boot; each falls back to the same label.
        Assert.True(kernel.Line < script.Single("initrd").Line && script.Single("initrd").Line < boot.Line);
        foreach (var c in new[] { kernel, script.Single("initrd"), boot })
        {
            Assert.Equal("goto", c.OnFailure?.Name);
            Assert.Equal("failed", c.OnFailure!.Args.Single());
        }
    }

    [Fact]
    public void A_failed_boot_chains_to_the_configured_menu()
    {
        using var r = new PxeRender(PxeRender.Yaml());
        var script = IpxeScript.Parse(r.Text(PxeLayout.BootScript));
        var chain = script.After("failed").Single(c => c.Name == "chain");
        Assert.Equal(["--autofree", "https://boot.alpinelinux.org/boot.ipxe"], chain.Args);
        Assert.Equal("shell", chain.OnFailure?.Name);
        // Nothing before the label may reach it without a failure: boot is the last command before it.
        Assert.Equal("boot", script.Commands[script.Labels["failed"] - 1].Name);
    }

    [Fact]
    public void A_local_mirror_release_architecture_and_serial_console_from_config_reach_the_kernel_line()
    {
        using var r = new PxeRender(PxeRender.WithLocalMirror());
        var script = IpxeScript.Parse(r.Text(PxeLayout.BootScript));
        const string netboot = "http://10.1.1.1/alpine/v3.21/releases/aarch64/netboot";
        var kernel = script.Single("kernel");
        Assert.Equal($"{netboot}/vmlinuz-lts", kernel.Args[0]);
        Assert.Contains("alpine_repo=http://10.1.1.1/alpine/v3.21/main", kernel.Args);
        Assert.Contains($"modloop={netboot}/modloop-lts", kernel.Args);
        Assert.Equal(["console=tty0", "console=ttyS0,115200n8"], kernel.Args.Where(a => a.StartsWith("console=", StringComparison.Ordinal)));
        Assert.Equal($"{netboot}/initramfs-lts", script.Single("initrd").Args.Single());
        Assert.DoesNotContain("dl-cdn", r.Text(PxeLayout.BootScript), StringComparison.Ordinal);
    }

    [Fact]
    public void The_parser_rejects_what_the_checks_rely_on()
    {
        var noHeader = IpxeScript.Parse("kernel http://x/vmlinuz\nboot\n");
        Assert.False(noHeader.HasHeader);
        var twice = IpxeScript.Parse("#!ipxe\nkernel a\nkernel b\n");
        Assert.Throws<InvalidOperationException>(() => twice.Single("kernel"));
        Assert.Throws<FormatException>(() => IpxeScript.Parse("#!ipxe\n:x\n:x\n"));
        Assert.Throws<InvalidOperationException>(() => IpxeScript.Parse("#!ipxe\nboot\n").After("failed"));
    }
}
