using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Components;
using OsInstall.Components.Compute;
using OsInstall.Components.Neutron;
using OsInstall.Components.OpenStack;
using OsInstall.Tests.Bind;
using OsInstall.Tests.OpenStack;
using OsInstall.Tests.Prepare;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Neutron;

/// <summary>
/// neutron's rendered files: neutron.conf and ml2_conf.ini (ML2/OVN on the controllers' raft
/// cluster), rootwrap and sudoers, the neutron-server daemon and its haproxy frontend; and the
/// compute nodes' neutron files, which the oslo checker reads through <see cref="RenderedConfigs"/>.
/// </summary>
public sealed class NeutronTests
{
    private static readonly NeutronInstaller Neutron = new(_ => new FakeDatabaseEngine());

    internal static string RenderConf(Action<ClusterConfig>? change = null, bool slave = true)
    {
        var ctx = Context(change);
        var urls = new FakeDatabaseEngine().Urls(ctx.Config, ctx.Secrets, Neutron.Service.Database!);
        return NeutronInstaller.RenderConf(ctx, slave ? urls : urls with { SlaveConnection = null });
    }

    internal static string RenderMl2Conf(Action<ClusterConfig>? change = null) => NeutronInstaller.RenderMl2Conf(Context(change));

    private static ComponentContext Context(Action<ClusterConfig>? change = null) => RenderedConfigs.Context(RenderedConfigs.ExampleConfig(change));

    [Fact]
    public void Neutron_conf_has_ml2_with_the_ovn_router_the_clusters_rabbitmq_keystone_and_nova()
    {
        var ctx = Context();

        var conf = RenderConf();

        Assert.Contains("core_plugin = ml2\nservice_plugins = ovn-router\n", conf, StringComparison.Ordinal);
        Assert.Contains("bind_port = 9696\napi_workers = 2\nstate_path = /var/lib/neutron\n", conf, StringComparison.Ordinal);
        Assert.Contains("syslog_log_facility = LOG_LOCAL6\n", conf, StringComparison.Ordinal);
        var url = ClusterEndpoints.TransportUrl(ctx.Config, ctx.Secrets);
        Assert.Contains("transport_url = " + url.Replace("$", "$$", StringComparison.Ordinal) + "\n", conf, StringComparison.Ordinal);
        Assert.Contains("@rabbitmq-3.oppp.lab:5672/\n", conf, StringComparison.Ordinal);
        Assert.Contains("[agent]\nroot_helper = sudo /opt/neutron/bin/neutron-rootwrap /etc/neutron/rootwrap.conf\n", conf, StringComparison.Ordinal);
        Assert.Contains("[keystone_authtoken]\nwww_authenticate_uri = http://haproxy.oppp.lab:5000/\nauth_url = http://haproxy.oppp.lab:5000/v3/\n", conf, StringComparison.Ordinal);
        Assert.Contains("username = neutron\npassword = " + Escaped("neutron_password") + "\n", conf, StringComparison.Ordinal);
        Assert.Contains("region_name = RegionOne\nusername = nova\npassword = " + Escaped("nova_password") + "\n", conf, StringComparison.Ordinal);
        Assert.Contains("[oslo_concurrency]\nlock_path = /var/lib/neutron/tmp\n", conf, StringComparison.Ordinal);
    }

    [Fact]
    public void The_database_urls_come_from_the_engine_with_or_without_a_slave_connection()
    {
        var ctx = Context();
        var urls = new FakeDatabaseEngine().Urls(ctx.Config, ctx.Secrets, Neutron.Service.Database!);

        var conf = RenderConf();

        Assert.Contains("[database]\nconnection = " + urls.Connection + "\nslave_connection = " + urls.SlaveConnection + "\n", conf, StringComparison.Ordinal);
        Assert.DoesNotContain("slave_connection", RenderConf(slave: false), StringComparison.Ordinal);
    }

    [Fact]
    public void Ml2_conf_uses_ovn_on_every_controllers_nb_and_sb_port_as_the_ovn_component_serves_them()
    {
        var conf = RenderMl2Conf(c =>
        {
            c.Ovn.NbPort = 7641;
            c.Ovn.SbPort = 7642;
        });

        Assert.Contains("[ml2]\ntype_drivers = local,flat,vlan,geneve\ntenant_network_types = geneve\nmechanism_drivers = ovn\nextension_drivers = port_security\n", conf, StringComparison.Ordinal);
        // the physical network name the chassis map to their provider bridge
        Assert.Contains($"[ml2_type_flat]\nflat_networks = {Components.Ovn.OvnTopologyNames.ProviderPhysicalNetwork}\n", conf, StringComparison.Ordinal);
        Assert.Contains("vni_ranges = 1:65536\n", conf, StringComparison.Ordinal);
        Assert.Contains("ovn_nb_connection = tcp:10.1.1.1:7641,tcp:10.1.1.2:7641,tcp:10.1.1.3:7641\n", conf, StringComparison.Ordinal);
        Assert.Contains("ovn_sb_connection = tcp:10.1.1.1:7642,tcp:10.1.1.2:7642,tcp:10.1.1.3:7642\n", conf, StringComparison.Ordinal);
        Assert.Contains("ovn_metadata_enabled = true\n", conf, StringComparison.Ordinal);
        Assert.Contains("dns_servers = 10.1.1.1,10.1.1.2,10.1.1.3\n", conf, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_configured_driver_and_plugin_is_an_entry_point_of_neutron()
    {
        // The oslo checker reads list options' values but cannot tell a misspelt driver name:
        // neutron's own entry points (Debian's python3-neutron) can.
        var groups = new[]
        {
            ("neutron.ml2.type_drivers", NeutronInstaller.TypeDrivers),
            ("neutron.ml2.type_drivers", NeutronInstaller.TenantNetworkTypes),
            ("neutron.ml2.mechanism_drivers", NeutronInstaller.MechanismDrivers),
            ("neutron.ml2.extension_drivers", NeutronInstaller.ExtensionDrivers),
            ("neutron.service_plugins", NeutronInstaller.ServicePlugins),
        };
        var args = groups.SelectMany(g => g.Item2.Select(n => $"{g.Item1}={n}")).Append("neutron.ml2.mechanism_drivers=ovnn").ToArray();

        var (exit, output) = await Python.RunAsync(["-c", EntryPointCheck, .. args]);

        Assert.True(exit == 0, output);
        var missing = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // only the deliberately misspelt one is unknown
        Assert.Equal(["MISSING neutron.ml2.mechanism_drivers=ovnn"], missing);
    }

    private const string EntryPointCheck = """
        import importlib.metadata, sys
        eps = importlib.metadata.entry_points()
        for arg in sys.argv[1:]:
            group, name = arg.split("=", 1)
            if name not in {e.name for e in eps.select(group=group)}:
                print("MISSING " + arg)
        """;

    [Fact]
    public async Task Rootwrap_conf_is_read_by_oslo_rootwrap_with_the_venv_first()
    {
        var conf = await RootwrapChecks.ReadRootwrapConfAsync(NeutronInstaller.RenderRootwrapConf(Context()));

        Assert.Equal("/etc/neutron/rootwrap.d", conf.FiltersPath);
        Assert.StartsWith("/opt/neutron/bin,", conf.ExecDirs, StringComparison.Ordinal);
        Assert.Equal((true, 40, 600, 1024), (conf.UseSyslog, conf.SyslogLevel, conf.DaemonTimeout, conf.RlimitNofile));
    }

    [Fact]
    public async Task The_sudoers_rule_passes_visudo_and_allows_only_the_venvs_rootwrap()
    {
        var sudoers = NeutronInstaller.RenderSudoers(Context());

        var (exit, output) = await RootwrapChecks.VisudoAsync(sudoers);

        Assert.True(exit == 0, output + "\n" + sudoers);
        Assert.Contains("neutron ALL = (root) NOPASSWD: /opt/neutron/bin/neutron-rootwrap /etc/neutron/rootwrap.conf *\n", sudoers, StringComparison.Ordinal);
        Assert.Contains("Defaults:neutron !requiretty\n", sudoers, StringComparison.Ordinal);
        // the root helper neutron.conf gives is exactly what the rule allows
        Assert.Contains("root_helper = sudo /opt/neutron/bin/neutron-rootwrap /etc/neutron/rootwrap.conf\n", RenderConf(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_sudoers_rule_fails_visudo()
    {
        var (exit, _) = await RootwrapChecks.VisudoAsync(NeutronInstaller.RenderSudoers(Context()).Replace("(root)", "(root", StringComparison.Ordinal));

        Assert.NotEqual(0, exit);
    }

    [Fact]
    public async Task The_server_daemon_and_the_source_file_copies_pass_shellcheck()
    {
        var ctx = Context();
        var server = NeutronInstaller.Server.File(ctx, Neutron.Service, NeutronInstaller.ServerConfigFiles);

        Assert.Equal("/etc/init.d/neutron-server", server.Path);
        Assert.Contains("command=/opt/neutron/bin/neutron-server\n", server.Content, StringComparison.Ordinal);
        Assert.Contains("command_args='--config-file /etc/neutron/neutron.conf --config-file /etc/neutron/plugins/ml2/ml2_conf.ini'\n", server.Content, StringComparison.Ordinal);
        Assert.Contains("command_user=neutron:neutron\n", server.Content, StringComparison.Ordinal);
        Assert.Contains("required_files='/etc/neutron/neutron.conf /etc/neutron/plugins/ml2/ml2_conf.ini'\n", server.Content, StringComparison.Ordinal);
        var (exit, findings) = await ShellCheck.RunAsync(server.Content, "sh", "SC2034");
        Assert.True(exit == 0, findings + "\n" + server.Content);
        foreach (var command in new[]
                 {
                     OsInstall.Components.OpenStack.SourceFiles.CopyCommand(Neutron.Service, "etc/api-paste.ini", NeutronInstaller.PastePath),
                     RootwrapFilters.CopyCommand(Neutron.Service, NeutronInstaller.RootwrapFiltersDir),
                     ServiceAccount.AsService(Neutron.Service, Neutron.Service.DbSyncCommands[0]),
                 })
        {
            (exit, findings) = await ShellCheck.RunAsync(command, "sh");
            Assert.True(exit == 0, findings + "\n" + command);
        }
    }

    [Fact]
    public async Task The_filter_copy_installs_each_filter_once_and_tolerates_a_tree_without_filters()
    {
        using var dir = new TempDir("osinstall-neutron-filters");
        var service = Neutron.Service;
        var source = Path.Combine(dir.Path, "src");
        var target = Path.Combine(dir.Path, "etc", "rootwrap.d");
        Directory.CreateDirectory(source);
        // The command's paths point at the venv's clone: run it with the clone's directory replaced by a temp one.
        var command = RootwrapFilters.CopyCommand(service, target)
            .Replace(RootwrapFilters.SourceDir(service), source, StringComparison.Ordinal)
            .Replace("-o root -g root ", "", StringComparison.Ordinal);

        var (emptyExit, emptyOutput) = await Tool.RunAsync("/bin/sh", "-c", command);
        Assert.True(emptyExit == 0, emptyOutput);
        Assert.False(Directory.Exists(target));

        await File.WriteAllTextAsync(Path.Combine(source, "privsep.filters"), "[Filters]\nprivsep: PathFilter, privsep-helper, root\n");
        await File.WriteAllTextAsync(Path.Combine(source, "README"), "not a filter\n");
        var (exit, output) = await Tool.RunAsync("/bin/sh", "-c", command + " && echo copied");
        Assert.True(exit == 0, output);
        Assert.Equal(["privsep.filters"], Directory.GetFiles(target).Select(Path.GetFileName));
        var copiedAt = File.GetLastWriteTimeUtc(Path.Combine(target, "privsep.filters"));
        File.SetLastWriteTimeUtc(Path.Combine(target, "privsep.filters"), copiedAt.AddDays(-1));
        (exit, output) = await Tool.RunAsync("/bin/sh", "-c", command);
        Assert.True(exit == 0, output);
        // unchanged content: not copied again
        Assert.Equal(copiedAt.AddDays(-1), File.GetLastWriteTimeUtc(Path.Combine(target, "privsep.filters")));
    }

    [Fact]
    public void Haproxy_balances_port_9696_over_the_server_of_every_container_and_neutron_needs_its_secrets()
    {
        var config = RenderedConfigs.ExampleConfig();

        var backend = Assert.Single(Neutron.Backends(config));

        Assert.Equal(("neutron-server", 9696, BackendMode.Http, "/"), (backend.Name, backend.Port, backend.Mode, backend.CheckPath));
        Assert.Equal(
        [
            new BackendServer("neutron-1", "neutron-1.oppp.lab", 9696),
            new BackendServer("neutron-2", "neutron-2.oppp.lab", 9696),
            new BackendServer("neutron-3", "neutron-3.oppp.lab", 9696),
        ], backend.Servers);
        Assert.Equal(["neutron-server"], Neutron.Service.Services(config));
        Assert.Equal(140, Neutron.Order);
        Assert.Equal(["neutron_db_password", "neutron_password", "nova_password", "rabbitmq_password"], Neutron.RequiredSecrets(config).Order(StringComparer.Ordinal));
        Assert.All(Neutron.RequiredSecrets(config), s => Assert.Contains(SecretCatalog.All, c => c.Name == s));
        Assert.Contains(ComponentCatalog.All, c => c is NeutronInstaller);
        Assert.Equal(("neutron", "neutron_password", "neutron", "network", 9696, ""),
            (NeutronInstaller.Registration.UserName, NeutronInstaller.Registration.PasswordSecret, NeutronInstaller.Registration.ServiceName,
             NeutronInstaller.Registration.ServiceType, NeutronInstaller.Registration.Port, NeutronInstaller.Registration.Path));
    }

    [Fact]
    public void The_compute_nodes_neutron_files_escape_the_metadata_secret_and_use_the_same_ovn_databases()
    {
        var ini = RenderedConfigs.RenderComputeNode(ComputeTemplates.MetadataAgentIni);
        var ml2 = RenderMl2Conf();

        Assert.Contains("metadata_proxy_shared_secret = " + Escaped("metadata_proxy_secret") + "\n", ini, StringComparison.Ordinal);
        var sb = ml2.Split('\n').Single(l => l.StartsWith("ovn_sb_connection = ", StringComparison.Ordinal));
        Assert.Contains(sb + "\n", ini, StringComparison.Ordinal);
        Assert.Contains("root_helper = sudo /opt/neutron/bin/neutron-rootwrap /etc/neutron/rootwrap.conf\n", RenderedConfigs.RenderComputeNode(ComputeTemplates.NeutronConf), StringComparison.Ordinal);
    }

    private static string Escaped(string secret) => OpenStackTestSecrets.Value(secret).Replace("$", "$$", StringComparison.Ordinal);
}
