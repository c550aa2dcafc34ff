using OsInstall.Components.Prepare;
using Xunit;

namespace OsInstall.Tests.Prepare;

/// <summary>Every shell script prepare generates, and every command it sends, passes shellcheck as POSIX sh (Alpine's ash).</summary>
public sealed class PrepareShellScriptTests
{
    public static TheoryData<string> Scripts => new()
    {
        PreparePaths.RbdMapHook,
        PreparePaths.RbdUnmapHook,
        PreparePaths.OvsHook,
        PreparePaths.AdminOpenrc,
        PreparePaths.UserOpenrc,
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Generated_script_passes_shellcheck(string path)
    {
        var actions = await PrepareHarness.DryRunInstallAsync(PrepareTestConfig.Create());
        var script = actions.Write("o3p-os-controller-2", path).Content!;
        var (exit, output) = await ShellCheck.RunAsync(script);
        Assert.True(exit == 0, $"shellcheck {path}:\n{output}\n---\n{script}");
    }

    [Fact]
    public async Task Shellcheck_itself_flags_an_unquoted_expansion()
    {
        var (exit, output) = await ShellCheck.RunAsync("rm -rf $dir/tmp\n");
        Assert.NotEqual(0, exit);
        Assert.Contains("SC2086", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hooks_start_with_a_shebang_of_alpines_sh()
    {
        var actions = await PrepareHarness.DryRunInstallAsync(PrepareTestConfig.Create());
        foreach (var hook in new[] { PreparePaths.RbdMapHook, PreparePaths.RbdUnmapHook, PreparePaths.OvsHook })
        {
            Assert.StartsWith("#!/bin/sh\n", actions.Write("o3p-os-controller-1", hook).Content, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Values_with_shell_metacharacters_stay_literal_in_the_scripts()
    {
        var config = PrepareTestConfig.Create();
        config.Ceph.RbdPool = "pool with 'quotes' $(reboot)";
        var actions = await PrepareHarness.DryRunInstallAsync(config);
        var hook = actions.Write("o3p-os-controller-1", PreparePaths.RbdMapHook).Content!;
        Assert.Contains("pool='pool with '\\''quotes'\\'' $(reboot)'\n", hook, StringComparison.Ordinal);
        // SC2016 says "$(...) does not expand in single quotes": exactly what is meant here.
        var (exit, output) = await ShellCheck.RunAsync(hook, exclude: "SC2016");
        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task Every_install_and_uninstall_command_passes_shellcheck()
    {
        var config = PrepareTestConfig.Create();
        var commands = (await PrepareHarness.DryRunInstallAsync(config))
            .Concat(await PrepareHarness.DryRunUninstallAsync(config))
            .Where(a => a.Kind == "run")
            .Select(a => a.Detail)
            .Distinct()
            .ToList();
        Assert.NotEmpty(commands);
        Assert.DoesNotContain(commands, c => c.Contains('\n', StringComparison.Ordinal));
        // One command per line: shellcheck's line numbers name the command (one process instead of dozens).
        var (exit, output) = await ShellCheck.RunAsync(string.Join('\n', commands) + "\n");
        var failing = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':'))
            .Where(parts => parts.Length > 2 && int.TryParse(parts[1], out _))
            .Select(parts => $"{commands[int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) - 1]}\n  {string.Join(':', parts[2..])}");
        Assert.True(exit == 0, string.Join("\n", failing) + "\n" + output);
    }
}
