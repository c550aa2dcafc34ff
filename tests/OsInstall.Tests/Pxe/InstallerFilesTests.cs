using OsInstall.Components;
using OsInstall.Components.Pxe;
using OsInstall.Tests.Bind;
using OsInstall.Tests.TestSupport;
using Xunit;

namespace OsInstall.Tests.Pxe;

/// <summary>The answers file, the apkovl and the setup script inside it.</summary>
public sealed class InstallerFilesTests
{
    [Fact]
    public async Task The_answers_file_passes_shellcheck_and_sources_to_the_configured_values()
    {
        using var r = new PxeRender(PxeRender.Yaml());
        var answers = r.Path(PxeLayout.Answers);
        // SC2034: setup-alpine, not this file, uses the variables.
        var (lint, lintOutput) = await Tool.RunAsync(Tool.Require("/usr/bin/shellcheck"), "-s", "sh", "-e", "SC2034", answers);
        Assert.True(lint == 0, lintOutput);

        var (exit, output) = await Tool.RunAsync("/bin/busybox", "sh", "-c",
            ". \"$1\" && printf '%s|' \"$DISKOPTS\" \"$DNSOPTS\" \"$APKREPOSOPTS\" \"$TIMEZONEOPTS\" \"$ROOTSSHKEY\" \"$INTERFACESOPTS\"", "sh", answers);
        Assert.True(exit == 0, output);
        var values = output.Split('|');
        Assert.Equal("-m sys /dev/sda", values[0]);
        Assert.Equal("-d oppp.lab 10.1.1.10 10.1.1.11", values[1]);
        Assert.Equal("https://dl-cdn.alpinelinux.org/alpine/v3.22/main https://dl-cdn.alpinelinux.org/alpine/v3.22/community", values[2]);
        Assert.Equal("UTC", values[3]);
        Assert.Equal("http://10.1.1.1:8080/authorized_keys", values[4]);
        Assert.Contains("iface eth0 inet dhcp", values[5], StringComparison.Ordinal);
        // The node's name is not in the shared file: the installer appends it per node.
        Assert.DoesNotContain("HOSTNAMEOPTS", File.ReadAllText(answers).Split('\n').Where(l => !l.StartsWith('#')), StringComparer.Ordinal);
    }

    [Fact]
    public void Without_a_public_key_the_answers_set_no_root_key_and_no_key_file_is_written()
    {
        using var r = new PxeRender(PxeRender.Yaml(), rootKey: null);
        Assert.DoesNotContain("ROOTSSHKEY", r.Text(PxeLayout.Answers), StringComparison.Ordinal);
        Assert.DoesNotContain(r.Files, f => f.Name == PxeLayout.AuthorizedKeys);
    }

    [Fact]
    public async Task The_apkovl_unpacks_with_tar_to_the_setup_script_interfaces_world_and_runlevels()
    {
        using var r = new PxeRender(PxeRender.Yaml());
        using var root = new TempDir("osinstall-apkovl");
        var (exit, output) = await Tool.RunAsync("/bin/tar", "-xzf", r.Path(PxeLayout.Overlay), "-C", root.Path);
        Assert.True(exit == 0, output);

        var script = root.File("etc/local.d/osinstall-setup.start");
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(script));
        Assert.Equal("alpine-base\n", await File.ReadAllTextAsync(root.File("etc/apk/world")));
        Assert.Contains("iface eth0 inet dhcp", await File.ReadAllTextAsync(root.File("etc/network/interfaces")), StringComparison.Ordinal);
        Assert.Equal("/etc/init.d/local", new FileInfo(root.File("etc/runlevels/default/local")).LinkTarget);
        Assert.Equal("/etc/init.d/networking", new FileInfo(root.File("etc/runlevels/boot/networking")).LinkTarget);
        Assert.Equal("/etc/init.d/devfs", new FileInfo(root.File("etc/runlevels/sysinit/devfs")).LinkTarget);

        var text = await File.ReadAllTextAsync(script);
        Assert.Contains("answers_url=http://10.1.1.1:8080/answers", text, StringComparison.Ordinal);
        Assert.Contains("disk=/dev/sda", text, StringComparison.Ordinal);
        Assert.Contains("10.1.1.4) name=o3p-os-compute-1 ;;", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_setup_script_passes_shellcheck()
    {
        using var r = new PxeRender(PxeRender.WithLocalMirror());
        using var root = new TempDir("osinstall-apkovl");
        await File.WriteAllTextAsync(root.File("setup.sh"), PxeFiles.SetupScript(r.Config, ComponentCatalog.Templates, PxeLayout.For(r.Config)));
        var (exit, output) = await Tool.RunAsync(Tool.Require("/usr/bin/shellcheck"), "-s", "sh", root.File("setup.sh"));
        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task Rendering_again_changes_nothing_and_a_changed_file_is_reported_and_other_files_stay()
    {
        using var r = new PxeRender(PxeRender.Yaml());
        var foreign = r.Path(PxeLayout.BiosLoader);
        await File.WriteAllTextAsync(foreign, "operator's iPXE binary");
        await File.WriteAllTextAsync(r.Path(PxeLayout.BootScript), "#!ipxe\nshell\n");

        var again = PxeFiles.Render(r.Config, ComponentCatalog.Templates, r.Dir, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJxfakekeyforthetestsonly root@controller-1");
        var changes = await PxeDirectory.WriteAsync(r.Dir, again);

        Assert.Equal(PxeFileChange.Updated, changes.Single(c => c.File.Name == PxeLayout.BootScript).Change);
        Assert.All(changes.Where(c => c.File.Name != PxeLayout.BootScript), c => Assert.Equal(PxeFileChange.Unchanged, c.Change));
        Assert.Equal("operator's iPXE binary", await File.ReadAllTextAsync(foreign));
        Assert.Equal(r.Text(PxeLayout.BootScript), await File.ReadAllTextAsync(r.Path(PxeLayout.BootScript)));
        Assert.Empty(Directory.GetFiles(r.Dir, "*.osinstall-new"));
    }

    [Fact]
    public void Dnsmasq_is_found_only_where_it_is()
    {
        using var empty = new TempDir();
        Assert.Null(DnsmasqCommand.Find([empty.Path]));
        Assert.Equal("/usr/sbin/dnsmasq", DnsmasqCommand.Find([empty.Path, "/usr/sbin"]));
        Assert.Equal("dnsmasq --no-daemon '--conf-file=/srv/pxe dir/dnsmasq.conf' --leasefile-ro",
            DnsmasqCommand.ShellLine("dnsmasq", "/srv/pxe dir/dnsmasq.conf"));
    }
}
