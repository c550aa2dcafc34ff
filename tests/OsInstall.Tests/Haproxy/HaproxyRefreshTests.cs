using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Common.Journal;
using OsInstall.Common.OpenStack;
using OsInstall.Common.Secrets;
using OsInstall.Components;
using OsInstall.Components.Haproxy;
using OsInstall.Components.Keepalived;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Haproxy;

/// <summary>
/// The refresh phase a service component ends its install and uninstall with, run by the real
/// runner against haproxy containers emulated on this machine (<see cref="ContainerSandbox"/>):
/// the file each member gets, the real haproxy check before it goes live, one reload per change.
/// </summary>
public sealed class HaproxyRefreshTests
{
    private static readonly ClusterConfig Config = Rsyslog.ShippedConfig.Load();

    private static readonly BackendComponent Api = new("test-api", 150, BackendComponent.Http(Config, "testapi", "test-api", 8999, "/healthcheck"));

    private static IReadOnlyList<ContainerMember> Members => ContainerSet.Members(Config, ClusterEndpoints.HaproxySet);

    [Fact]
    public async Task Installing_a_component_with_backends_rewrites_every_member_config_and_reloads_each_once_and_a_second_refresh_does_nothing()
    {
        await using var sandbox = new ContainerSandbox();
        var journal = InstallJournal.InMemory();
        journal.Update("haproxy", r => r.State = ComponentState.Installed);
        var before = HaproxyFrontends.Render(HaproxyTestContext.Create(Config), []);
        foreach (var m in Members)
        {
            sandbox.Prepare(m.Container, before);
        }

        await RunAsync(sandbox, journal, Api, install: true);

        foreach (var m in Members)
        {
            var live = sandbox.LiveConf(m.Container);
            Assert.Contains("listen test-api\n    bind :8999", live, StringComparison.Ordinal);
            Assert.Contains($"server testapi-{m.Index} testapi-{m.Index}.{Config.Cluster.Domain}:8999 check", live, StringComparison.Ordinal);
            Assert.Equal(["haproxy reload"], sandbox.Rc(m.Container));
            // haproxy (Debian's, for real) checked the candidate before it replaced the live file.
            Assert.Contains(sandbox.Attached(m.Container), c => c.Contains($"haproxy -c -f {HaproxySettings.CandidatePath}", StringComparison.Ordinal));
            Assert.False(File.Exists(Path.Combine(sandbox.Container(m.Container), "etc-haproxy", Path.GetFileName(HaproxySettings.CandidatePath))));
        }
        await HaproxyConfigTests.AssertValidAsync(sandbox.LiveConf(Members[0].Container));

        // Again (component install runs every step): the files are current, nothing is written or reloaded.
        var written = Members.ToDictionary(m => m.Container, m => sandbox.LiveConfWritten(m.Container));
        var attached = Members.ToDictionary(m => m.Container, m => sandbox.Attached(m.Container).Count);
        await RunAsync(sandbox, journal, Api, install: true);
        foreach (var m in Members)
        {
            Assert.Equal(["haproxy reload"], sandbox.Rc(m.Container));
            Assert.Equal(written[m.Container], sandbox.LiveConfWritten(m.Container));
            var second = sandbox.Attached(m.Container).Skip(attached[m.Container]).ToList();
            Assert.NotEmpty(second);
            Assert.DoesNotContain(second, c => c.Contains("haproxy -c", StringComparison.Ordinal) || c.Contains(HaproxySettings.CandidatePath, StringComparison.Ordinal));
        }

        // Its uninstall takes the frontend out again, with one more reload per member.
        journal.Update(Api.Name, r => r.State = ComponentState.Installed);
        await RunAsync(sandbox, journal, Api, install: false);
        foreach (var m in Members)
        {
            Assert.Equal(before, sandbox.LiveConf(m.Container));
            Assert.Equal(["haproxy reload", "haproxy reload"], sandbox.Rc(m.Container));
        }
    }

    [Fact]
    public async Task A_member_whose_file_is_current_but_was_never_loaded_is_reloaded_by_the_next_refresh()
    {
        // An earlier run replaced the file and stopped before its reload: the live file is newer than the loaded marker.
        await using var sandbox = new ContainerSandbox();
        var journal = InstallJournal.InMemory();
        journal.Update("haproxy", r => r.State = ComponentState.Installed);
        var with = HaproxyFrontends.Render(HaproxyTestContext.Create(Config), Api.Backends(Config));
        foreach (var m in Members)
        {
            sandbox.Prepare(m.Container, with);
        }
        var stale = Members[1].Container;
        File.SetLastWriteTimeUtc(Path.Combine(sandbox.Container(stale), "run-haproxy", Path.GetFileName(HaproxySettings.LoadedMarker)), DateTime.UtcNow.AddMinutes(-5));

        await RunAsync(sandbox, journal, Api, install: true);

        Assert.Empty(sandbox.Rc(Members[0].Container));
        Assert.Equal(["haproxy reload"], sandbox.Rc(stale));
        Assert.Empty(sandbox.Rc(Members[2].Container));
    }

    [Fact]
    public async Task Without_haproxy_installed_the_refresh_phase_has_no_steps_and_touches_no_container()
    {
        await using var sandbox = new ContainerSandbox();
        var ctx = HaproxyTestContext.Create(Config, installed: ["prepare", "bind"]);
        Assert.Empty(HaproxyFrontends.RefreshPhase(ctx, Api, installed: true).Steps);
        Assert.Empty(HaproxyFrontends.RefreshPhase(ctx, Api, installed: false).Steps);

        var withHaproxy = HaproxyTestContext.Create(Config, installed: ["haproxy"]);
        var phase = HaproxyFrontends.RefreshPhase(withHaproxy, Api, installed: true);
        Assert.Equal(Members.Select(m => $"haproxy-frontends:{m.Container}@{m.Host}"), phase.Steps.Select(s => s.Id));
    }

    private static async Task RunAsync(ContainerSandbox sandbox, InstallJournal journal, IComponent component, bool install)
    {
        using var logs = new TempDir("osinstall-haproxy-refresh-logs");
        var secrets = new SecretStore();
        secrets.Set(KeepalivedConfig.AuthSecret, HaproxyTestContext.AuthPass);
        var runner = new ComponentRunner(Config, secrets, ComponentCatalog.Templates, sandbox, journal,
            new RunOptions { LogDir = logs.Path, Force = true, VerifyAfterInstall = false });
        await (install ? runner.InstallAsync([component], CancellationToken.None) : runner.UninstallAsync([component], CancellationToken.None));
    }
}
