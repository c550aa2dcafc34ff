using OsInstall.Components.Haproxy;
using OsInstall.Components.Keepalived;
using OsInstall.Tests.Prepare;

namespace OsInstall.Tests.Haproxy;

/// <summary>shellcheck on every shell script the haproxy component writes and on the command lines it composes.</summary>
public sealed class HaproxyShellcheckTests
{
    public static TheoryData<string> Scripts => new() { "haproxy.initd", "keepalived.initd", "check-haproxy.sh", "notify-haproxy.sh" };

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Rendered_script_passes_shellcheck(string which)
    {
        var ctx = HaproxyTestContext.Create();
        var script = which switch
        {
            "haproxy.initd" => HaproxyFiles.RenderInitScript(ctx),
            "keepalived.initd" => KeepalivedConfig.RenderInitScript(ctx, HaproxySettings.KeepalivedFacility(ctx.Config)),
            "check-haproxy.sh" => HaproxyFiles.RenderCheckScript(ctx),
            _ => HaproxyFiles.RenderNotifyScript(ctx),
        };
        // OpenRC scripts are sh with variables openrc-run reads (name, command_args...): SC2034 does not apply to them.
        var (code, output) = await ShellCheck.RunAsync(script, "sh", which.EndsWith(".initd", StringComparison.Ordinal) ? "SC2034" : null);
        Assert.True(code == 0, $"{which}:\n{output}\n---\n{script}");
    }

    public static TheoryData<string> Commands => new()
    {
        HaproxyFrontends.ValidateAndReplaceCommand,
        HaproxyFrontends.ReloadCommand(changed: true),
        HaproxyFrontends.ReloadCommand(changed: false),
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Composed_command_passes_shellcheck(string command)
    {
        var (code, output) = await ShellCheck.RunAsync("#!/bin/sh\n" + command + "\n");
        Assert.True(code == 0, $"{output}\n---\n{command}");
    }
}
