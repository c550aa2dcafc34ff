using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Components;
using OsInstall.Components.Cinder;
using OsInstall.Components.OpenStack;
using OsInstall.Tests.OpenStack;
using OsInstall.Tests.Prepare;

namespace OsInstall.Tests.Cinder;

/// <summary>cinder's rendered files: cinder.conf with the [ceph] backend, rootwrap and sudoers, the scheduler daemon, the bjoern API and its haproxy frontend.</summary>
public sealed class CinderTests
{
    private static readonly CinderInstaller Cinder = new(_ => new FakeDatabaseEngine());

    internal static string RenderConf(Action<ClusterConfig>? change = null, bool slave = true)
    {
        var ctx = RenderedConfigs.Context(RenderedConfigs.ExampleConfig(change));
        var urls = new FakeDatabaseEngine().Urls(ctx.Config, ctx.Secrets, Cinder.Service.Database!);
        return CinderInstaller.RenderConf(ctx, slave ? urls : urls with { SlaveConnection = null });
    }

    private static ComponentContext Context(Action<ClusterConfig>? change = null) => RenderedConfigs.Context(RenderedConfigs.ExampleConfig(change));

    [Fact]
    public void Cinder_conf_has_the_ceph_backend_with_the_configured_pool_client_and_libvirt_secret()
    {
        var conf = RenderConf(c =>
        {
            c.Ceph.CinderPool = "volumes-x";
            c.Ceph.CinderClient = "cinder-x";
            c.Ceph.CinderSecretUuid = "11111111-2222-3333-4444-555555555555";
        });

        Assert.Contains("enabled_backends = ceph\n", conf, StringComparison.Ordinal);
        Assert.Contains(
            "[ceph]\nvolume_driver = cinder.volume.drivers.rbd.RBDDriver\nvolume_backend_name = ceph\nrbd_pool = volumes-x\n" +
            "rbd_ceph_conf = /etc/ceph/ceph.conf\nrbd_user = cinder-x\nrbd_secret_uuid = 11111111-2222-3333-4444-555555555555\n",
            conf, StringComparison.Ordinal);
        Assert.Contains("syslog_log_facility = LOG_LOCAL7\n", conf, StringComparison.Ordinal);
        Assert.Contains("rootwrap_config = /etc/cinder/rootwrap.conf\nstate_path = /var/lib/cinder\n", conf, StringComparison.Ordinal);
        Assert.Contains("[service_user]\nsend_service_user_token = true\nauth_url = http://haproxy.oppp.lab:5000/v3/\n", conf, StringComparison.Ordinal);
        Assert.Contains("[oslo_concurrency]\nlock_path = /var/lib/cinder/tmp\n", conf, StringComparison.Ordinal);
        Assert.Contains("username = cinder\n", conf, StringComparison.Ordinal);
    }

    [Fact]
    public void The_transport_url_is_the_clusters_rabbitmq_with_a_literal_dollar_kept()
    {
        var ctx = Context();

        var conf = RenderConf();

        var url = ClusterEndpoints.TransportUrl(ctx.Config, ctx.Secrets);
        Assert.Contains("transport_url = " + url.Replace("$", "$$", StringComparison.Ordinal) + "\n", conf, StringComparison.Ordinal);
        Assert.Contains("@rabbitmq-1.oppp.lab:5672,", conf, StringComparison.Ordinal);
        Assert.Contains("password = " + OpenStackTestSecrets.Value("cinder_password").Replace("$", "$$", StringComparison.Ordinal) + "\n", conf, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rootwrap_conf_is_read_by_oslo_rootwrap_with_the_venv_first()
    {
        var conf = await RootwrapChecks.ReadRootwrapConfAsync(CinderInstaller.RenderRootwrapConf(Context()));

        Assert.Equal("/etc/cinder/rootwrap.d", conf.FiltersPath);
        Assert.StartsWith("/opt/cinder/bin,", conf.ExecDirs, StringComparison.Ordinal);
        Assert.Equal((true, 40), (conf.UseSyslog, conf.SyslogLevel));
    }

    [Fact]
    public async Task The_sudoers_rule_passes_visudo_and_allows_only_the_venvs_rootwrap()
    {
        var sudoers = CinderInstaller.RenderSudoers(Context());

        var (exit, output) = await RootwrapChecks.VisudoAsync(sudoers);

        Assert.True(exit == 0, output + "\n" + sudoers);
        Assert.Contains("cinder ALL = (root) NOPASSWD: /opt/cinder/bin/cinder-rootwrap /etc/cinder/rootwrap.conf *\n", sudoers, StringComparison.Ordinal);
        Assert.Contains("Defaults:cinder !requiretty\n", sudoers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_sudoers_rule_fails_visudo()
    {
        var (exit, _) = await RootwrapChecks.VisudoAsync(CinderInstaller.RenderSudoers(Context()).Replace("NOPASSWD:", "NOPASSWD", StringComparison.Ordinal));

        Assert.NotEqual(0, exit);
    }

    [Fact]
    public async Task The_scheduler_daemon_and_the_api_workers_pass_shellcheck()
    {
        var ctx = Context(c => c.Openstack.BjoernWorkers = 2);
        var scheduler = CinderInstaller.Scheduler.File(ctx, Cinder.Service, [CinderInstaller.ConfPath]);
        var workers = WsgiWorkers.Files(ComponentCatalog.Templates, ctx.Config, Cinder.Service, [CinderInstaller.ConfPath])
            .Where(f => f.Path.StartsWith("/etc/init.d/", StringComparison.Ordinal)).ToList();

        Assert.Equal("/etc/init.d/cinder-scheduler", scheduler.Path);
        Assert.Contains("command=/opt/cinder/bin/cinder-scheduler\n", scheduler.Content, StringComparison.Ordinal);
        Assert.Contains("command_args='--config-file /etc/cinder/cinder.conf'\n", scheduler.Content, StringComparison.Ordinal);
        Assert.Contains("command_user=cinder:cinder\n", scheduler.Content, StringComparison.Ordinal);
        Assert.Equal(["/etc/init.d/cinder-api-1", "/etc/init.d/cinder-api-2"], workers.Select(w => w.Path));
        Assert.Contains("command_args='--host 0.0.0.0 --port 5002'\n", workers[1].Content, StringComparison.Ordinal);
        foreach (var script in workers.Append(scheduler).Select(f => f.Content))
        {
            var (exit, findings) = await ShellCheck.RunAsync(script, "sh", "SC2034");
            Assert.True(exit == 0, findings + "\n" + script);
        }
        foreach (var command in new[]
                 {
                     OsInstall.Components.OpenStack.SourceFiles.CopyCommand(Cinder.Service, "etc/cinder/api-paste.ini", CinderInstaller.PastePath),
                     OsInstall.Components.OpenStack.SourceFiles.CopyCommand(Cinder.Service, "etc/cinder/rootwrap.d/volume.filters", "/etc/cinder/rootwrap.d/volume.filters", "0644"),
                 })
        {
            var (exit, findings) = await ShellCheck.RunAsync(command, "sh");
            Assert.True(exit == 0, findings + "\n" + command);
        }
    }

    [Fact]
    public async Task The_bjoern_runner_imports_cinders_application_factory()
    {
        var runner = WsgiWorkers.RenderRunner(ComponentCatalog.Templates, Cinder.Service, CinderInstaller.Api);

        Assert.Contains("from cinder.wsgi.wsgi import initialize_application\n", runner, StringComparison.Ordinal);
        var (exit, output) = await Python.CompileAsync(runner, "cinder-api-bjoern.py");
        Assert.True(exit == 0, output + "\n" + runner);
        var (importExit, importOutput) = await Python.RunAsync("-c", "from cinder.wsgi.wsgi import initialize_application; assert callable(initialize_application)");
        Assert.True(importExit == 0, importOutput);
    }

    [Theory]
    [InlineData("2026.1", "block-storage")]
    [InlineData("2023.1", "block-storage")]
    [InlineData("zed", "volumev3")]
    [InlineData("victoria", "volumev3")]
    public void The_catalog_type_fits_the_configured_release(string release, string type)
    {
        var registration = CinderInstaller.Registration(RenderedConfigs.ExampleConfig(c => c.Versions.OpenstackRelease = release));

        Assert.Equal(type, registration.ServiceType);
        Assert.Equal(("cinder", "cinder_password", "cinderv3", 8776, "/v3/%(project_id)s"),
            (registration.UserName, registration.PasswordSecret, registration.ServiceName, registration.Port, registration.Path));
    }

    [Fact]
    public void Haproxy_balances_port_8776_over_every_api_worker_and_cinder_needs_its_secrets()
    {
        var config = RenderedConfigs.ExampleConfig(c => c.Openstack.BjoernWorkers = 1);

        var backend = Assert.Single(Cinder.Backends(config));

        Assert.Equal(("cinder-api", 8776, BackendMode.Http, "/"), (backend.Name, backend.Port, backend.Mode, backend.CheckPath));
        Assert.Equal(
        [
            new BackendServer("cinder-1-1", "cinder-1.oppp.lab", 5001),
            new BackendServer("cinder-2-1", "cinder-2.oppp.lab", 5001),
            new BackendServer("cinder-3-1", "cinder-3.oppp.lab", 5001),
        ], backend.Servers);
        Assert.Equal(["cinder-api-1", "cinder-scheduler"], Cinder.Service.Services(config));
        Assert.Equal(150, Cinder.Order);
        Assert.Equal(["ceph_cinder_key", "cinder_db_password", "cinder_password", "rabbitmq_password"], Cinder.RequiredSecrets(config).Order(StringComparer.Ordinal));
        Assert.All(Cinder.RequiredSecrets(config), s => Assert.Contains(SecretCatalog.All, c => c.Name == s));
    }
}
