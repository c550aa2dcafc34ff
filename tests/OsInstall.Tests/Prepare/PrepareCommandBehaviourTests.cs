using OsInstall.Common.Targets;
using OsInstall.Components.Prepare;
using Xunit;

namespace OsInstall.Tests.Prepare;

/// <summary>
/// The trickier commands run for real under busybox sh, with their absolute paths moved into a
/// temporary directory and stand-ins for the Alpine tools: they must do their job once and
/// nothing on the second run.
/// </summary>
public sealed class PrepareCommandBehaviourTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("osinstall-prepare-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Relocate(string command, params string[] paths) =>
        paths.Aggregate(command, (c, p) => c.Replace(p, root + p, StringComparison.Ordinal));

    private static async Task<List<PlannedAction>> InstallActionsAsync() =>
        [.. await PrepareHarness.DryRunInstallAsync(PrepareTestConfig.Create())];

    [Fact]
    public async Task Authorizing_the_key_appends_it_once_after_a_last_line_without_newline()
    {
        var command = Relocate(
            (await InstallActionsAsync()).Commands("o3p-os-controller-2").Single(c => c.Contains("authorized_keys", StringComparison.Ordinal)),
            PreparePaths.RootSshDir);
        Directory.CreateDirectory(root + PreparePaths.RootSshDir);
        var keys = root + PreparePaths.AuthorizedKeys;
        await File.WriteAllTextAsync(keys, "ssh-ed25519 AAAAC3Nza operator@laptop");

        for (var run = 0; run < 2; run++)
        {
            var (exit, _, stderr) = await BusyboxShell.RunAsync(command);
            Assert.True(exit == 0, stderr);
        }

        Assert.Equal($"ssh-ed25519 AAAAC3Nza operator@laptop\n{SshKeyDistribution.DryRunKeyPlaceholder}\n", await File.ReadAllTextAsync(keys));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keys));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(root + PreparePaths.RootSshDir));
    }

    [Fact]
    public async Task Tun_is_listed_in_modules_once_even_after_a_last_line_without_newline()
    {
        var command = Relocate(LineFile.AppendIfMissingCommand(PreparePaths.Modules, "tun"), PreparePaths.Modules);
        Directory.CreateDirectory(root + "/etc");
        var modules = root + PreparePaths.Modules;
        await File.WriteAllTextAsync(modules, "af_packet\nipv6");

        Assert.Equal(0, (await BusyboxShell.RunAsync(command)).ExitCode);
        Assert.Equal(0, (await BusyboxShell.RunAsync(command)).ExitCode);
        Assert.Equal("af_packet\nipv6\ntun\n", await File.ReadAllTextAsync(modules));

        File.Delete(modules);
        Assert.Equal(0, (await BusyboxShell.RunAsync(command)).ExitCode);
        Assert.Equal("tun\n", await File.ReadAllTextAsync(modules));
    }

    [Fact]
    public async Task The_reboot_marker_records_the_boot_it_was_set_in()
    {
        var (exit, _, stderr) = await BusyboxShell.RunAsync(Relocate(RebootMarker.MarkCommand, "/var/lib/osinstall"));
        Assert.True(exit == 0, stderr);
        var bootId = (await BusyboxShell.RunAsync(RebootMarker.BootIdCommand)).StdOut;
        Assert.Equal(bootId, await File.ReadAllTextAsync(root + PreparePaths.RebootMarker));
    }

    [Fact]
    public async Task Removing_the_serial_getty_keeps_every_other_inittab_line()
    {
        var actions = await InstallActionsAsync();
        var check = Relocate(actions.Commands("o3p-os-controller-1").Single(c => c.StartsWith("grep -q '^ttyS0'", StringComparison.Ordinal)), PreparePaths.Inittab);
        var remove = Relocate(actions.Commands("o3p-os-controller-1").Single(c => c.StartsWith("sed -i", StringComparison.Ordinal)), PreparePaths.Inittab);
        Directory.CreateDirectory(root + "/etc");
        var inittab = root + PreparePaths.Inittab;
        await File.WriteAllTextAsync(inittab, "::sysinit:/sbin/openrc sysinit\ntty1::respawn:/sbin/getty 38400 tty1\nttyS0::respawn:/sbin/getty -L 0 ttyS0 vt100\n::shutdown:/sbin/openrc shutdown\n");

        Assert.Equal(0, (await BusyboxShell.RunAsync(check)).ExitCode);
        Assert.Equal(0, (await BusyboxShell.RunAsync(remove)).ExitCode);

        Assert.Equal("::sysinit:/sbin/openrc sysinit\ntty1::respawn:/sbin/getty 38400 tty1\n::shutdown:/sbin/openrc shutdown\n", await File.ReadAllTextAsync(inittab));
        Assert.NotEqual(0, (await BusyboxShell.RunAsync(check)).ExitCode);
    }

    [Fact]
    public async Task The_client_link_is_made_once_and_uninstall_removes_only_our_link()
    {
        var actions = await InstallActionsAsync();
        var link = Relocate(actions.Commands("o3p-os-controller-2").Single(c => c.Contains("ln -sfn", StringComparison.Ordinal)), PreparePaths.ClientLink);
        Directory.CreateDirectory(root + "/usr/bin");

        Assert.Equal(0, (await BusyboxShell.RunAsync(link)).ExitCode);
        Assert.Equal(PreparePaths.ClientVenv + "/bin/openstack", new FileInfo(root + PreparePaths.ClientLink).LinkTarget);

        var uninstall = Relocate(
            (await PrepareHarness.DryRunUninstallAsync(PrepareTestConfig.Create())).Commands("o3p-os-controller-2").Single(c => c.Contains("readlink", StringComparison.Ordinal)),
            PreparePaths.ClientLink);
        File.Delete(root + PreparePaths.ClientLink);
        File.CreateSymbolicLink(root + PreparePaths.ClientLink, "/usr/lib/other/openstack");
        Assert.Equal(0, (await BusyboxShell.RunAsync(uninstall)).ExitCode);
        Assert.NotNull(new FileInfo(root + PreparePaths.ClientLink).LinkTarget);

        File.Delete(root + PreparePaths.ClientLink);
        Assert.Equal(0, (await BusyboxShell.RunAsync(link)).ExitCode);
        Assert.Equal(0, (await BusyboxShell.RunAsync(uninstall)).ExitCode);
        Assert.False(Path.Exists(root + PreparePaths.ClientLink));
    }
}
