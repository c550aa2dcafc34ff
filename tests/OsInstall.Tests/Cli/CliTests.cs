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

    [Fact]
    public async Task Render_writes_every_file_per_host_with_secrets_masked_unless_asked()
    {
        using var dir = new TempDir();
        var secrets = dir.File("secrets.yaml");
        Assert.Equal(0, (await CliRun.RunAsync("secrets", "generate", "--config", RepoPaths.ExampleConfig, "--secrets", secrets)).ExitCode);
        var store = OsInstall.Common.Secrets.SecretsFile.Load(secrets);
        store.Set("ceph_admin_key", "AQDwvDFgRf97BBAAj122lk7n1k726lh1vOlQSA==");
        OsInstall.Common.Secrets.SecretsFile.Save(secrets, store, OsInstall.Components.SecretCatalog.All);

        var masked = await CliRun.RunAsync("render", "--out", dir.File("out"), "--config", RepoPaths.ExampleConfig, "--secrets", secrets);
        Assert.True(masked.ExitCode == 0, masked.Output);
        Assert.True(File.Exists(dir.File("out/o3p-os-controller-1/etc/bind/named.conf")));
        Assert.True(File.Exists(dir.File("out/o3p-os-compute-2/etc/rsyslog.conf")));
        Assert.True(File.Exists(dir.File("out/o3p-os-controller-3/etc/hosts")));
        var keyring = await File.ReadAllTextAsync(dir.File("out/o3p-os-controller-2/etc/ceph/ceph.client.admin.keyring"));
        Assert.Contains("*****", keyring);
        Assert.DoesNotContain("AQDwvDFgRf97BBAAj122lk7n1k726lh1vOlQSA==", keyring);
        var rndc = await File.ReadAllTextAsync(Directory.EnumerateFiles(dir.File("out/o3p-os-controller-1/etc/bind"), "rndc.key").Single());
        Assert.DoesNotContain(store.Get("bind_rndc_key"), rndc);

        var clear = await CliRun.RunAsync("render", "--out", dir.File("clear"), "--with-secrets", "--config", RepoPaths.ExampleConfig, "--secrets", secrets);
        Assert.Equal(0, clear.ExitCode);
        Assert.Contains("AQDwvDFgRf97BBAAj122lk7n1k726lh1vOlQSA==", await File.ReadAllTextAsync(dir.File("clear/o3p-os-controller-2/etc/ceph/ceph.client.admin.keyring")));
        Assert.DoesNotContain("AQDwvDFgRf97BBAAj122lk7n1k726lh1vOlQSA==", clear.Output);
    }

    [Fact]
    public async Task A_config_with_a_typo_a_bad_cidr_and_a_duplicate_address_gives_three_errors_and_exit_2()
    {
        using var dir = new TempDir();
        var yaml = (await File.ReadAllTextAsync(RepoPaths.ExampleConfig))
            .Replace("  region: RegionOne", "  regoin: RegionOne", StringComparison.Ordinal)
            .Replace("    cidr: 10.0.0.0/24", "    cidr: 10.0.0.0/33", StringComparison.Ordinal)
            .Replace("    address: 10.1.1.5", "    address: 10.1.1.4", StringComparison.Ordinal);
        var path = dir.File("common.yaml");
        await File.WriteAllTextAsync(path, yaml);
        var r = await CliRun.RunAsync("cluster", "install", "--dry-run", "--config", path, "--secrets", dir.File("s.yaml"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("3 problem(s)", r.Output);
        Assert.Contains("cluster.regoin", r.Output);
        Assert.Contains("did you mean 'region'", r.Output);
        Assert.Contains("networks.internal.cidr", r.Output);
        Assert.Contains("compute_nodes[1].address", r.Output);
        Assert.DoesNotContain("   at ", r.Output);
    }
}
