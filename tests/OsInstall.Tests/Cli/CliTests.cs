using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Cli;

public class CliTests
{
    [Fact]
    public async Task Dry_run_of_the_example_config_succeeds_and_says_so()
    {
        using var dir = new TempDir();
        var r = await CliRun.RunAsync("cluster", "install", "--dry-run", "--config", RepoPaths.ExampleConfig,
            "--log-dir", dir.File("logs"), "--state-dir", dir.File("state"), "--secrets", dir.File("secrets.yaml"));
        Assert.True(r.ExitCode == 0, r.Output);
        Assert.Contains("DRY RUN", r.Output);
        Assert.False(Directory.Exists(dir.File("state")) && File.Exists(dir.File("state/journal.json")), "a dry run journals nothing");
    }

    [Fact]
    public async Task A_real_run_refuses_while_ready_to_proceed_is_false()
    {
        using var dir = new TempDir();
        var r = await CliRun.RunAsync("cluster", "install", "--config", RepoPaths.ExampleConfig, "--state-dir", dir.File("state"), "--log-dir", dir.File("logs"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("ready_to_proceed: true", r.Output);
    }

    [Fact]
    public async Task Unknown_component_is_bad_usage()
    {
        var r = await CliRun.RunAsync("component", "install", "no-such-thing", "--config", RepoPaths.ExampleConfig, "--dry-run");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown component 'no-such-thing'", r.Output);
    }

    [Fact]
    public async Task Unknown_command_is_bad_usage()
    {
        var r = await CliRun.RunAsync("frobnicate");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("frobnicate", r.Output);
    }

    [Fact]
    public async Task From_and_only_together_are_refused()
    {
        var r = await CliRun.RunAsync("cluster", "install", "--dry-run", "--config", RepoPaths.ExampleConfig, "--from", "bind", "--only", "bind");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("exclude each other", r.Output);
    }

    [Fact]
    public async Task Missing_config_file_is_named()
    {
        var r = await CliRun.RunAsync("config", "validate", "--config", "/nonexistent/osinstall.yaml");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("/nonexistent/osinstall.yaml", r.Output);
    }

    [Fact]
    public async Task Secrets_generate_writes_0600_and_keeps_existing_values()
    {
        using var dir = new TempDir();
        var path = dir.File("secrets.yaml");
        var first = await CliRun.RunAsync("secrets", "generate", "--config", RepoPaths.ExampleConfig, "--secrets", path);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var before = await File.ReadAllTextAsync(path);
        var store = OsInstall.Common.Secrets.SecretsFile.Load(path);
        var admin = store.Get("admin_password");
        Assert.DoesNotContain(admin, first.Output);

        var second = await CliRun.RunAsync("secrets", "generate", "--config", RepoPaths.ExampleConfig, "--secrets", path);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(before, await File.ReadAllTextAsync(path));
        Assert.Contains("0 added", second.Output);
    }

    [Fact]
    public async Task Uninstall_without_yes_and_without_a_terminal_is_refused()
    {
        using var dir = new TempDir();
        var r = await CliRun.RunAsync("cluster", "uninstall", "--config", RepoPaths.ExampleConfig, "--state-dir", dir.File("state"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--yes", r.Output);
    }
}
