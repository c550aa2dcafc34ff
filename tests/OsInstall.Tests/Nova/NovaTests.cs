using OsInstall.Common.Config;
using OsInstall.Common.Database;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Components;
using OsInstall.Components.Compute;
using OsInstall.Components.Nova;
using OsInstall.Components.OpenStack;
using OsInstall.Tests.Bind;
using OsInstall.Tests.OpenStack;
using OsInstall.Tests.Prepare;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Nova;

/// <summary>
/// nova's rendered files (nova.conf, the bjoern runners and workers, the daemons), its haproxy
/// frontends, its databases and secrets, and the cell commands run for real against a stand-in
/// nova-manage.
/// </summary>
public sealed class NovaTests
{
    private static readonly NovaInstaller Nova = new(_ => new FakeDatabaseEngine());

    internal static string RenderConf(Action<ClusterConfig>? change = null, bool slave = true)
    {
        var ctx = RenderedConfigs.Context(RenderedConfigs.ExampleConfig(change));
        var engine = new FakeDatabaseEngine();
        var urls = engine.Urls(ctx.Config, ctx.Secrets, OpenStackDatabases.Nova);
        var apiUrls = engine.Urls(ctx.Config, ctx.Secrets, OpenStackDatabases.NovaApi);
        return slave
            ? NovaInstaller.RenderConf(ctx, urls, apiUrls)
            : NovaInstaller.RenderConf(ctx, urls with { SlaveConnection = null }, apiUrls with { SlaveConnection = null });
    }

    /// <summary>A compute node's nova file (the compute component's template and model) for the first compute node.</summary>
    internal static string RenderComputeNode(string template, Action<ClusterConfig>? change = null)
    {
        var ctx = RenderedConfigs.Context(RenderedConfigs.ExampleConfig(change));
        return ctx.Render(template, NodeConfigs.Model(ctx, ctx.Config.ComputeNodes[0]));
    }

    private static ComponentContext Context(Action<ClusterConfig>? change = null) => RenderedConfigs.Context(RenderedConfigs.ExampleConfig(change));

    private static string Escaped(string secret) => OpenStackTestSecrets.Value(secret).Replace("$", "$$", StringComparison.Ordinal);

    [Fact]
    public void Nova_conf_has_both_database_sections_from_the_engine()
    {
        var ctx = Context();
        var engine = new FakeDatabaseEngine();

        var conf = RenderConf();

        var main = engine.Urls(ctx.Config, ctx.Secrets, OpenStackDatabases.Nova);
        var api = engine.Urls(ctx.Config, ctx.Secrets, OpenStackDatabases.NovaApi);
        Assert.Contains($"[api_database]\nconnection = {api.Connection}\nslave_connection = {api.SlaveConnection}\n", conf, StringComparison.Ordinal);
        Assert.Contains($"[database]\nconnection = {main.Connection}\nslave_connection = {main.SlaveConnection}\n", conf, StringComparison.Ordinal);
        Assert.EndsWith("/nova_api", api.Connection, StringComparison.Ordinal);
        // map_cell0 derives cell0's URL from [database] by appending _cell0 to the database name.
        Assert.EndsWith("/nova", main.Connection, StringComparison.Ordinal);
        Assert.Equal("nova_cell0", OpenStackDatabases.NovaCell0.Name);
        Assert.DoesNotContain("slave_connection", RenderConf(slave: false), StringComparison.Ordinal);
    }

    [Fact]
    public void Nova_conf_carries_the_transport_users_and_metadata_secret_with_literal_dollars_kept()
    {
        var ctx = Context();

        var conf = RenderConf();

        var url = ClusterEndpoints.TransportUrl(ctx.Config, ctx.Secrets);
        Assert.Contains("transport_url = " + url.Replace("$", "$$", StringComparison.Ordinal) + "\n", conf, StringComparison.Ordinal);
        Assert.Contains("syslog_log_facility = LOG_LOCAL5\n", conf, StringComparison.Ordinal);
        Assert.Contains("[keystone_authtoken]\nwww_authenticate_uri = http://haproxy.oppp.lab:5000/\nauth_url = http://haproxy.oppp.lab:5000/v3/\n", conf, StringComparison.Ordinal);
        Assert.Contains("username = nova\npassword = " + Escaped("nova_password") + "\n", conf, StringComparison.Ordinal);
        Assert.Contains("username = neutron\npassword = " + Escaped("neutron_password") + "\nservice_metadata_proxy = true\n" +
            "metadata_proxy_shared_secret = " + Escaped("metadata_proxy_secret") + "\n", conf, StringComparison.Ordinal);
        Assert.Contains("username = placement\npassword = " + Escaped("placement_password") + "\n", conf, StringComparison.Ordinal);
        Assert.Contains("memcache_servers = memcached-1.oppp.lab:11211,memcached-2.oppp.lab:11211,memcached-3.oppp.lab:11211\n", conf, StringComparison.Ordinal);
        Assert.Contains($"[cinder]\nos_region_name = {ctx.Config.Cluster.Region}\n", conf, StringComparison.Ordinal);
        Assert.Contains("[scheduler]\ndiscover_hosts_in_cells_interval = 300\n", conf, StringComparison.Ordinal);
        Assert.Contains("[vnc]\nenabled = true\nserver_listen = $my_ip\nserver_proxyclient_address = $my_ip\nnovncproxy_host = 0.0.0.0\nnovncproxy_port = 6080\n", conf, StringComparison.Ordinal);
        Assert.Contains("web = /usr/share/novnc\n", conf, StringComparison.Ordinal);
        Assert.Contains("[oslo_concurrency]\nlock_path = /var/lib/nova/tmp\n", conf, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_runners_import_the_application_only_after_their_own_arguments_are_gone()
    {
        using var dir = new TempDir("osinstall-nova-runner");
        // A stand-in bjoern that records what it was asked to serve, and nova.wsgi modules that, like
        // nova's, build the application when imported and parse sys.argv with oslo.config then.
        Directory.CreateDirectory(dir.File("nova/wsgi"));
        await File.WriteAllTextAsync(dir.File("bjoern.py"),
            "import os\ndef run(app, host, port):\n    open(os.environ['BJOERN_CALLS'], 'a').write('%s %s:%d\\n' % (app(), host, port))\n");
        await File.WriteAllTextAsync(dir.File("nova/__init__.py"), "");
        await File.WriteAllTextAsync(dir.File("nova/wsgi/__init__.py"), "");
        foreach (var name in new[] { "osapi_compute", "metadata" })
        {
            await File.WriteAllTextAsync(dir.File($"nova/wsgi/{name}.py"),
                "import sys\nassert sys.argv[1:] == [], 'argv seen at import: %r' % sys.argv\n" +
                $"def application():\n    return '{name}'\n");
        }
        var calls = dir.File("calls");
        foreach (var (api, port) in new[] { (NovaInstaller.Api, 4001), (NovaInstaller.Metadata, 5002) })
        {
            var runner = WsgiWorkers.RenderRunner(ComponentCatalog.Templates, Nova.Service, api);
            Assert.StartsWith("#!/opt/nova/bin/python3\n", runner, StringComparison.Ordinal);
            Assert.Contains($"wsgi_app = importlib.import_module(\"{api.Module}\").application\n", runner, StringComparison.Ordinal);
            Assert.DoesNotContain($"from {api.Module} import", runner, StringComparison.Ordinal);
            var path = dir.File($"{api.Name}-bjoern");
            await File.WriteAllTextAsync(path, runner);
            var (compileExit, compileOutput) = await Python.RunAsync("-m", "py_compile", path);
            Assert.True(compileExit == 0, compileOutput + "\n" + runner);

            var (exit, output) = await Python.RunAsync("-c",
                "import os, runpy, sys\n" +
                "os.environ['BJOERN_CALLS'] = sys.argv[3]\n" +
                "sys.path.insert(0, sys.argv[2])\n" +
                "runner = sys.argv[1]\n" +
                "sys.argv = [runner, '--host', '127.0.0.1', '--port', sys.argv[4]]\n" +
                "runpy.run_path(runner, run_name='__main__')\n",
                path, dir.Path, calls, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(exit == 0, output + "\n" + runner);
            Assert.Contains($"{api.Name} listening on 127.0.0.1:{port}", output, StringComparison.Ordinal);
        }
        Assert.Equal(["osapi_compute 127.0.0.1:4001", "metadata 127.0.0.1:5002"], await File.ReadAllLinesAsync(calls));
    }

    [Fact]
    public async Task Workers_and_daemons_are_openrc_scripts_passing_shellcheck()
    {
        var ctx = Context(c => c.Openstack.BjoernWorkers = 2);
        var workers = WsgiWorkers.Files(ComponentCatalog.Templates, ctx.Config, Nova.Service, [NovaInstaller.ConfPath])
            .Where(f => f.Path.StartsWith("/etc/init.d/", StringComparison.Ordinal)).ToList();
        var daemons = NovaInstaller.Daemons.Select(d => d.File(ctx, Nova.Service, [NovaInstaller.ConfPath])).ToList();

        Assert.Equal(["/etc/init.d/nova-api-1", "/etc/init.d/nova-api-2", "/etc/init.d/nova-metadata-1", "/etc/init.d/nova-metadata-2"], workers.Select(w => w.Path));
        Assert.Contains("command_args='--host 0.0.0.0 --port 4002'\n", workers[1].Content, StringComparison.Ordinal);
        Assert.Contains("command=/usr/local/bin/nova-metadata-bjoern\n", workers[2].Content, StringComparison.Ordinal);
        Assert.Contains("command_args='--host 0.0.0.0 --port 5001'\n", workers[2].Content, StringComparison.Ordinal);
        Assert.Equal(["/etc/init.d/nova-conductor", "/etc/init.d/nova-scheduler", "/etc/init.d/nova-novncproxy"], daemons.Select(d => d.Path));
        Assert.Contains("command=/opt/nova/bin/nova-novncproxy\n", daemons[2].Content, StringComparison.Ordinal);
        Assert.Contains("command_args='--config-file /etc/nova/nova.conf'\n", daemons[0].Content, StringComparison.Ordinal);
        Assert.Contains("command_user=nova:nova\n", daemons[1].Content, StringComparison.Ordinal);
        foreach (var script in workers.Concat(daemons).Select(f => f.Content))
        {
            var (shExit, shOutput) = await Tool.RunAsync("/bin/sh", "-n", "-c", script);
            Assert.True(shExit == 0, shOutput);
            var (exit, findings) = await ShellCheck.RunAsync(script, "sh", "SC2034");
            Assert.True(exit == 0, findings + "\n" + script);
        }
        var copy = OsInstall.Components.OpenStack.SourceFiles.CopyCommand(Nova.Service, "etc/nova/api-paste.ini", NovaInstaller.PastePath);
        var (copyExit, copyFindings) = await ShellCheck.RunAsync(copy, "sh");
        Assert.True(copyExit == 0, copyFindings + "\n" + copy);
    }

    [Fact]
    public void Haproxy_gets_the_compute_api_the_metadata_api_and_the_novnc_proxy()
    {
        var config = RenderedConfigs.ExampleConfig(c => c.Openstack.BjoernWorkers = 1);

        var backends = Nova.Backends(config).ToList();

        Assert.Equal(["nova-api", "nova-metadata", "nova-novncproxy"], backends.Select(b => b.Name));
        Assert.Equal([8774, 8775, 6080], backends.Select(b => b.Port));
        Assert.Equal([new BackendServer("nova-1-1", "nova-1.oppp.lab", 4001), new BackendServer("nova-2-1", "nova-2.oppp.lab", 4001), new BackendServer("nova-3-1", "nova-3.oppp.lab", 4001)],
            backends[0].Servers);
        Assert.Equal([new BackendServer("nova-1-1", "nova-1.oppp.lab", 5001), new BackendServer("nova-2-1", "nova-2.oppp.lab", 5001), new BackendServer("nova-3-1", "nova-3.oppp.lab", 5001)],
            backends[1].Servers);
        Assert.Equal([new BackendServer("nova-1", "nova-1.oppp.lab", 6080), new BackendServer("nova-2", "nova-2.oppp.lab", 6080), new BackendServer("nova-3", "nova-3.oppp.lab", 6080)],
            backends[2].Servers);
        Assert.Equal(["/", "/", null], backends.Select(b => b.CheckPath));
        Assert.Equal([null, null, TimeSpan.FromHours(1)], backends.Select(b => b.TunnelTimeout));
        Assert.Equal(["nova-api-1", "nova-metadata-1", "nova-conductor", "nova-scheduler", "nova-novncproxy"], Nova.Service.Services(config));
        Nova.Service.CheckWorkerPorts(RenderedConfigs.ExampleConfig(c => c.Openstack.BjoernWorkers = 999));
    }

    [Fact]
    public async Task Haproxy_accepts_novas_frontends_beside_the_other_apis()
    {
        var ctx = Haproxy.HaproxyTestContext.Create();
        var others = ComponentCatalog.ForConfig(ctx.Config).Where(c => c.Name != NovaInstaller.ServiceName).SelectMany(c => c.Backends(ctx.Config));

        var conf = Components.Haproxy.HaproxyFrontends.Render(ctx, [.. others, .. Nova.Backends(ctx.Config)]);

        await Haproxy.HaproxyConfigTests.AssertValidAsync(conf);
        Assert.Contains("listen nova-novncproxy\n    bind :6080\n    mode http\n", conf, StringComparison.Ordinal);
        Assert.Contains("listen nova-metadata\n    bind :8775\n", conf, StringComparison.Ordinal);
        // An open console may sit idle for the original's hour; the APIs keep haproxy's defaults.
        var novnc = conf[conf.IndexOf("listen nova-novncproxy", StringComparison.Ordinal)..];
        novnc = novnc[..(novnc.IndexOf("\nlisten ", 1, StringComparison.Ordinal) is var end and > 0 ? end : novnc.Length)];
        Assert.Contains("\n    timeout tunnel 3600s\n", novnc, StringComparison.Ordinal);
        Assert.Single(conf.Split('\n'), l => l.Contains("timeout tunnel", StringComparison.Ordinal));
    }

    [Fact]
    public void Nova_owns_three_databases_with_one_password_and_needs_its_secrets()
    {
        var config = RenderedConfigs.ExampleConfig();

        Assert.Equal(["nova", "nova_api", "nova_cell0"], Nova.Service.Databases.Select(d => d.Name));
        Assert.All(Nova.Service.Databases, d => Assert.Equal(("nova", "nova_db_password"), (d.User, d.PasswordSecret)));
        Assert.Equal(130, Nova.Order);
        Assert.Equal(["metadata_proxy_secret", "neutron_password", "nova_db_password", "nova_password", "placement_password", "rabbitmq_password"],
            Nova.RequiredSecrets(config).Order(StringComparer.Ordinal));
        Assert.All(Nova.RequiredSecrets(config), s => Assert.Contains(SecretCatalog.All, c => c.Name == s));
        Assert.Equal(("nova", "compute", 8774, "/v2.1"), (NovaInstaller.Registration.ServiceName, NovaInstaller.Registration.ServiceType,
            NovaInstaller.Registration.Port, NovaInstaller.Registration.Path));
    }

    [Theory]
    [InlineData("2026.1", true)]
    [InlineData("2025.1", true)]
    [InlineData("2025.10", true)]
    [InlineData("2024.2", false)]
    [InlineData("zed", false)]
    [InlineData("victoria", false)]
    public void Only_a_release_with_the_nova_wsgi_modules_is_accepted(string release, bool accepted)
    {
        var config = RenderedConfigs.ExampleConfig(c => c.Versions.OpenstackRelease = release);

        var error = Record.Exception(() => NovaInstaller.RequireWsgiModules(config));

        if (accepted)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Contains($"'{release}' is older than 2025.1", Assert.IsType<InvalidOperationException>(error).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_cell_commands_pass_shellcheck_and_run_as_the_nova_account()
    {
        foreach (var command in Nova.Service.DbSyncCommands)
        {
            var (exit, findings) = await ShellCheck.RunAsync("#!/bin/sh\n" + command + "\n");
            Assert.True(exit == 0, findings + "\n" + command);
            // SC2016: as the nova account, the inner shell expands what the outer one passes quoted.
            var wrapped = ServiceAccount.AsService(Nova.Service, command);
            var (suExit, suFindings) = await ShellCheck.RunAsync("#!/bin/sh\n" + wrapped + "\n", "sh", "SC2016");
            Assert.True(suExit == 0, suFindings + "\n" + wrapped);
        }
        Assert.Equal("/opt/nova/bin/nova-manage api_db sync", Nova.Service.DbSyncCommands[0]);
        Assert.Equal("/opt/nova/bin/nova-manage db sync", Nova.Service.DbSyncCommands[^1]);
    }

    public static TheoryData<string, string[]> CellScenarios() => new()
    {
        // a fresh nova_api: both cells made
        { "", ["api_db sync", "cell_v2 list_cells", "cell_v2 map_cell0", "cell_v2 list_cells", "cell_v2 create_cell --name=cell1 --verbose", "db sync"] },
        // cell0 mapped by an earlier run that stopped before cell1
        { "cell0", ["api_db sync", "cell_v2 list_cells", "cell_v2 list_cells", "cell_v2 create_cell --name=cell1 --verbose", "db sync"] },
        // the rerun: nothing made again
        { "cell0 cell1", ["api_db sync", "cell_v2 list_cells", "cell_v2 list_cells", "db sync"] },
        // a cell whose name only contains cell1 is not cell1
        { "cell0 cell10", ["api_db sync", "cell_v2 list_cells", "cell_v2 list_cells", "cell_v2 create_cell --name=cell1 --verbose", "db sync"] },
    };

    [Theory]
    [MemberData(nameof(CellScenarios))]
    public async Task Each_cell_is_created_only_when_list_cells_does_not_show_it(string existing, string[] expected)
    {
        using var dir = new TempDir("osinstall-nova-cells");
        var manage = await StandInNovaManage(dir, existing, listFails: false);

        foreach (var command in NovaCells.Commands(manage))
        {
            var (exit, output) = await Tool.RunAsync("/bin/sh", "-c", command);
            Assert.True(exit == 0, output + "\n" + command);
        }

        Assert.Equal(expected, await File.ReadAllLinesAsync(dir.File("calls")));
    }

    [Fact]
    public async Task A_failing_list_cells_fails_the_command_and_creates_nothing()
    {
        using var dir = new TempDir("osinstall-nova-cells");
        var manage = await StandInNovaManage(dir, "", listFails: true);

        var (exit, _) = await Tool.RunAsync("/bin/sh", "-c", NovaCells.Commands(manage)[2]);

        Assert.NotEqual(0, exit);
        Assert.Equal(["cell_v2 list_cells"], await File.ReadAllLinesAsync(dir.File("calls")));
    }

    /// <summary>A nova-manage that records its calls and lists the given cells as nova-manage's table does.</summary>
    private static async Task<string> StandInNovaManage(TempDir dir, string cells, bool listFails)
    {
        var path = dir.File("nova-manage");
        var rows = string.Concat(cells.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c =>
            $"  echo '| {c,-6} | 00000000-0000-0000-0000-000000000000 | rabbit://openstack:****@rabbitmq-1:5672/ | postgresql+psycopg2://nova:****@postgres/nova | False |'\n"));
        await File.WriteAllTextAsync(path,
            "#!/bin/sh\n" +
            $"echo \"$*\" >> {Sh(dir.File("calls"))}\n" +
            "if [ \"$1 $2\" = 'cell_v2 list_cells' ]; then\n" +
            (listFails ? "  echo 'DB error' >&2; exit 1\n" : "") +
            "  echo '+-------+------+---------------+---------------------+----------+'\n" +
            "  echo '|  Name | UUID | Transport URL | Database Connection | Disabled |'\n" +
            "  echo '+-------+------+---------------+---------------------+----------+'\n" +
            rows +
            "  echo '+-------+------+---------------+---------------------+----------+'\n" +
            "fi\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static string Sh(string value) => OsInstall.Common.Shell.Sh.Quote(value);
}
