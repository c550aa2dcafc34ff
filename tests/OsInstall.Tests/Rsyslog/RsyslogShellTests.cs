using Xunit;

namespace OsInstall.Tests.Rsyslog;

/// <summary>Every command line the rsyslog component sends to a host, read by shellcheck as the POSIX sh that runs it.</summary>
public sealed class RsyslogShellTests
{
    [Fact]
    public async Task Every_install_and_uninstall_command_passes_shellcheck()
    {
        var config = ShippedConfig.Load();
        var commands = (await DryRunPlan.InstallAsync(config)).Concat(await DryRunPlan.UninstallAsync(config))
            .Where(a => a.Kind == "run").Select(a => a.Detail).Distinct().ToList();
        Assert.NotEmpty(commands);
        var script = "#!/bin/sh\n" + string.Join('\n', commands) + "\n";
        var check = await ExternalTool.RunAsync(ExternalTool.Require("shellcheck"), ["-s", "sh", "-"], CancellationToken.None, script);
        Assert.True(check.Succeeded, $"shellcheck:\n{check.Output}\n---\n{script}");
    }
}
