using OsInstall.Common.Engine;
using OsInstall.Components;
using OsInstall.Components.OpenStack;
using OsInstall.Components.Placement;
using OsInstall.Tests.Bind;
using OsInstall.Tests.OpenStack;
using OsInstall.Tests.Prepare;

namespace OsInstall.Tests.Placement;

/// <summary>placement's rendered files and data: placement.conf, its bjoern runner and workers, its haproxy frontend.</summary>
public sealed class PlacementTests
{
    private static readonly PlacementInstaller Placement = new(_ => new FakeDatabaseEngine());

    internal static string RenderConf(Action<Common.Config.ClusterConfig>? change = null, bool slave = true)
    {
        var ctx = RenderedConfigs.Context(RenderedConfigs.ExampleConfig(change));
        var urls = new FakeDatabaseEngine().Urls(ctx.Config, ctx.Secrets, Placement.Service.Database!);
        return PlacementInstaller.RenderConf(ctx, slave ? urls : urls with { SlaveConnection = null });
    }

    [Fact]
    public void Placement_conf_takes_the_database_keystone_memcached_and_syslog_facility_from_the_cluster()
    {
        var ctx = RenderedConfigs.Context(RenderedConfigs.ExampleConfig());
        var urls = new FakeDatabaseEngine().Urls(ctx.Config, ctx.Secrets, Placement.Service.Database!);

        var conf = RenderConf();

        Assert.True(conf.Contains("\n[placement_database]\nconnection = " + urls.Connection + "\nslave_connection = " + urls.SlaveConnection + "\n", StringComparison.Ordinal), conf);
        Assert.Contains("syslog_log_facility = LOG_USER\n", conf, StringComparison.Ordinal);
        Assert.Contains("www_authenticate_uri = http://haproxy.oppp.lab:5000/\n", conf, StringComparison.Ordinal);
        Assert.Contains("auth_url = http://haproxy.oppp.lab:5000/v3/\n", conf, StringComparison.Ordinal);
        Assert.Contains("memcached_servers = memcached-1.oppp.lab:11211,memcached-2.oppp.lab:11211,memcached-3.oppp.lab:11211\n", conf, StringComparison.Ordinal);
        Assert.Contains("username = placement\n", conf, StringComparison.Ordinal);
        // oslo.config would read "$t..." as a reference to another option: the password's '$' is doubled.
        var password = OpenStackTestSecrets.Value("placement_password");
        Assert.Contains("password = " + password.Replace("$", "$$", StringComparison.Ordinal) + "\n", conf, StringComparison.Ordinal);
        Assert.DoesNotContain("slave_connection", RenderConf(slave: false), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bjoern_runner_imports_placements_application_factory()
    {
        var runner = WsgiWorkers.RenderRunner(ComponentCatalog.Templates, Placement.Service, PlacementInstaller.Api);

        Assert.Contains("from placement.wsgi import init_application\n", runner, StringComparison.Ordinal);
        var (exit, output) = await Python.CompileAsync(runner, "placement-bjoern.py");
        Assert.True(exit == 0, output + "\n" + runner);
        // The factory exists in placement itself (Debian's python3-placement; bjoern is not packaged).
        var (importExit, importOutput) = await Python.RunAsync("-c", "from placement.wsgi import init_application; assert callable(init_application)");
        Assert.True(importExit == 0, importOutput);
    }

    [Fact]
    public async Task Every_worker_service_passes_shellcheck_and_needs_placement_conf()
    {
        var config = RenderedConfigs.ExampleConfig(c => c.Openstack.BjoernWorkers = 2);
        var files = WsgiWorkers.Files(ComponentCatalog.Templates, config, Placement.Service, [PlacementInstaller.ConfPath])
            .Where(f => f.Path.StartsWith("/etc/init.d/", StringComparison.Ordinal)).ToList();

        Assert.Equal(["/etc/init.d/placement-1", "/etc/init.d/placement-2"], files.Select(f => f.Path));
        foreach (var file in files)
        {
            Assert.Contains("required_files=/etc/placement/placement.conf\n", file.Content, StringComparison.Ordinal);
            Assert.Contains("command_user=placement:placement\n", file.Content, StringComparison.Ordinal);
            var (exit, findings) = await ShellCheck.RunAsync(file.Content, "sh", "SC2034");
            Assert.True(exit == 0, findings + "\n" + file.Content);
        }
    }

    [Fact]
    public void Haproxy_balances_port_8778_over_every_worker_of_every_placement_container()
    {
        var config = RenderedConfigs.ExampleConfig(c => c.Openstack.BjoernWorkers = 2);

        var backend = Assert.Single(Placement.Backends(config));

        Assert.Equal("placement", backend.Name);
        Assert.Equal(8778, backend.Port);
        Assert.Equal(BackendMode.Http, backend.Mode);
        Assert.Equal("/", backend.CheckPath);
        Assert.Equal(
        [
            new BackendServer("placement-1-1", "placement-1.oppp.lab", 8001), new BackendServer("placement-1-2", "placement-1.oppp.lab", 8002),
            new BackendServer("placement-2-1", "placement-2.oppp.lab", 8001), new BackendServer("placement-2-2", "placement-2.oppp.lab", 8002),
            new BackendServer("placement-3-1", "placement-3.oppp.lab", 8001), new BackendServer("placement-3-2", "placement-3.oppp.lab", 8002),
        ], backend.Servers);
    }

    [Fact]
    public void Placement_is_registered_as_the_original_registers_it_and_needs_its_secrets()
    {
        var registration = Placement.Service.Registration!;

        Assert.Equal(("placement", "placement_password", "placement", "placement", "Placement API", 8778, ""),
            (registration.UserName, registration.PasswordSecret, registration.ServiceName, registration.ServiceType, registration.Description, registration.Port, registration.Path));
        Assert.Equal(120, Placement.Order);
        Assert.Equal(["placement_db_password", "placement_password"], Placement.RequiredSecrets(RenderedConfigs.ExampleConfig()).Order(StringComparer.Ordinal));
        Assert.All(Placement.RequiredSecrets(RenderedConfigs.ExampleConfig()), s => Assert.Contains(SecretCatalog.All, c => c.Name == s));
        Assert.Equal(["/opt/placement/bin/placement-manage db sync"], Placement.Service.DbSyncCommands);
    }

    [Fact]
    public void An_oslo_value_keeps_a_literal_dollar_and_refuses_a_line_break()
    {
        Assert.Equal("a$$b$${c}", OsloValue.Escape("a$b${c}"));
        Assert.Throws<ArgumentException>(() => OsloValue.Escape("a\nb"));
    }
}
