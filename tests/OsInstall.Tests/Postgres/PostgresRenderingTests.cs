using OsInstall.Common.Config;
using OsInstall.Common.Database;
using OsInstall.Common.Engine;
using OsInstall.Common.Secrets;
using OsInstall.Components;
using OsInstall.Components.Keepalived;
using OsInstall.Components.Postgres;
using OsInstall.Tests.Prepare;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Postgres;

/// <summary>Every file the component renders for the shipped cluster, checked by the tool that reads it.</summary>
public sealed class PostgresRenderingTests
{
    private static readonly ClusterConfig Config = ConfigLoader.LoadFile(RepoPaths.ExampleConfig).Config!;
    private static readonly PostgresSettings Settings = PostgresSettings.FromConfig(Config);
    private static readonly PostgresTopology Topology = new(
        Enumerable.Range(1, 3).Select(i => new PostgresPeer($"postgres-{i}", i, $"10.0.0.{10 + i}", Config.Fqdn($"postgres-{i}"), 5432)).ToList(),
        Config.Fqdn("postgres"), 5432, [Config.Networks.Internal.Cidr], Config.Vips.Postgres);

    public static TheoryData<int, bool> Variants => new() { { 1, false }, { 1, true }, { 2, false }, { 2, true }, { 3, false }, { 3, true } };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Each_postgresql_conf_and_pg_hba_passes_postgres_C(int member, bool standby)
    {
        Assert.True(LoopbackPostgres.Available, "Debian's postgresql is not installed (tests/packages.d/postgres.txt)");
        using var dir = new TempDir("osinstall-pgconf");
        var data = LoopbackPostgres.OwnedDir(Path.Combine(dir.Path, "data"));
        File.SetUnixFileMode(data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        LoopbackPostgres.OwnedDir(dir.Path);
        var peer = Topology.Peers[member - 1];
        var t = ComponentCatalog.Templates;
        File.WriteAllText(Path.Combine(data, "postgresql.conf"), PostgresFiles.Conf(t, Settings, Topology, peer, standby));
        File.WriteAllText(Path.Combine(data, "pg_hba.conf"), PostgresFiles.Hba(t, Topology));
        File.WriteAllText(Path.Combine(data, "pg_ident.conf"), PostgresFiles.Ident(t));

        string C(string parameter) => LoopbackPostgres.Sh0(PostgresCommands.AsPostgres(
            $"{LoopbackPostgres.BinDir}/postgres -C {parameter} -D {data}")).Trim().Split('\n')[^1];

        Assert.Equal("ANY 1 (*)", C("synchronous_standby_names"));
        Assert.Equal("remote_apply", C("synchronous_commit"));
        Assert.Equal("local2", C("syslog_facility"));
        Assert.Equal("/run/postgresql", C("unix_socket_directories"));
        Assert.Equal("on", C("wal_log_hints"));
        if (standby)
        {
            Assert.Equal($"replication_slot_{member}", C("primary_slot_name"));
            Assert.Equal($"host=postgres.oppp.lab port=5432 user=postgres passfile=/var/lib/postgresql/.pgpass application_name=postgres-{member}", C("primary_conninfo"));
            Assert.Equal("latest", C("recovery_target_timeline"));
        }
        else
        {
            Assert.Equal("", C("primary_conninfo"));
        }
        // A broken file is refused: the check can fail.
        File.AppendAllText(Path.Combine(data, "postgresql.conf"), "synchronous_commit = sometimes\n");
        Assert.Throws<InvalidOperationException>(() => C("port"));
    }

    [Fact]
    public void Pg_hba_allows_replication_from_the_members_and_the_vip_and_services_from_the_internal_network_only()
    {
        var hba = PostgresFiles.Hba(ComponentCatalog.Templates, Topology);
        var rules = hba.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Equal(
        [
            "local all postgres peer map=superuser",
            "host all postgres 127.0.0.1/32 scram-sha-256",
            "host replication postgres 10.0.0.11/32 scram-sha-256",
            "host replication postgres 10.0.0.12/32 scram-sha-256",
            "host replication postgres 10.0.0.13/32 scram-sha-256",
            "host replication postgres 10.0.0.253/32 scram-sha-256",
            "host all all 10.0.0.0/24 scram-sha-256",
        ], rules);
    }

    public static TheoryData<string> Scripts => new() { "check_postgres.sh", "promote.sh", "demote.sh postgres-1", "demote.sh postgres-2", "demote.sh postgres-3", "postgresql (init.d)", "postgresql (conf.d)" };

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Every_rendered_shell_script_passes_shellcheck(string name)
    {
        var t = ComponentCatalog.Templates;
        var (script, exclude) = name switch
        {
            "check_postgres.sh" => (PostgresFiles.CheckScript(t, Settings), null),
            "promote.sh" => (PostgresFiles.PromoteScript(t, Settings), null),
            "postgresql (init.d)" => (PostgresFiles.InitScript(t, Settings), "SC2034"), // OpenRC reads name, command, ...
            "postgresql (conf.d)" => (PostgresFiles.Confd(t, Settings), (string?)null),
            _ => (PostgresFiles.DemoteScript(t, Settings, Topology, Topology.Peer(name.Split(' ')[1])), null),
        };
        var (exit, output) = await ShellCheck.RunAsync(script, "sh", exclude);
        Assert.True(exit == 0, $"{name}:\n{output}\n{script}");
    }

    [Fact]
    public async Task Each_members_keepalived_conf_passes_keepalived_t_with_its_interface_and_scripts()
    {
        var secrets = new SecretStore();
        secrets.Set(KeepalivedConfig.AuthSecret, "Ab3dEf7h");
        var ctx = new ComponentContext(Config, secrets, ComponentCatalog.Templates,
            (_, _) => throw new InvalidOperationException("no hosts here"), (_, _, _) => Task.CompletedTask, Serilog.Core.Logger.None, dryRun: false);
        var scripts = new Dictionary<string, string>
        {
            [Settings.CheckScript] = PostgresFiles.CheckScript(ctx.Templates, Settings),
            [Settings.PromoteScript] = PostgresFiles.PromoteScript(ctx.Templates, Settings),
        };
        foreach (var peer in Topology.Peers)
        {
            var instance = PostgresSteps.Instance(Config, Topology, peer, Settings);
            var conf = KeepalivedConfig.Render(ctx, instance);
            Assert.Contains($"virtual_router_id {PostgresSteps.VirtualRouterId}", conf);
            Assert.Contains(Config.Vips.Postgres, conf);
            Assert.Contains($"script \"{Settings.CheckScript}\"", conf);
            Assert.Contains($"notify_master \"{Settings.PromoteScript}\"", conf);
            Assert.Contains(peer.Index == 1 ? "state MASTER" : "state BACKUP", conf);
            Assert.All(Topology.Others(peer), o => Assert.Contains(o.Address, conf));
            Assert.DoesNotContain($"        {peer.Address}\n", conf);

            var (ok, output) = await KeepalivedCheck.RunAsync(conf, Config.Openstack.KeepalivedInterface, scripts);
            Assert.True(ok, $"{peer.Name}: keepalived -t failed\n{output}\n{conf}");
            // ...and the check can fail: without its scripts keepalived refuses the same config.
            Assert.False((await KeepalivedCheck.RunAsync(conf, Config.Openstack.KeepalivedInterface)).Ok);
        }
    }

    [Fact]
    public void Urls_write_through_the_vip_name_and_read_through_haproxy_with_the_password_encoded()
    {
        var secrets = new SecretStore();
        secrets.Set("nova_db_password", "p@ss:w/rd");
        var urls = new PostgresInstaller().Urls(Config, secrets, OpenStackDatabases.NovaApi);
        Assert.Equal("postgresql+psycopg2://nova:p%40ss%3Aw%2Frd@postgres.oppp.lab/nova_api", urls.Connection);
        Assert.Equal("postgresql+psycopg2://nova:p%40ss%3Aw%2Frd@haproxy.oppp.lab/nova_api", urls.SlaveConnection);
    }

    [Fact]
    public void Haproxy_gets_a_tcp_backend_over_the_three_members()
    {
        var backend = Assert.Single(new PostgresInstaller().Backends(Config));
        Assert.Equal(("postgres", 5432, BackendMode.Tcp), (backend.Name, backend.Port, backend.Mode));
        Assert.Equal(["postgres-1.oppp.lab:5432", "postgres-2.oppp.lab:5432", "postgres-3.oppp.lab:5432"],
            backend.Servers.Select(s => $"{s.Address}:{s.Port}"));
    }

    [Fact]
    public void The_database_engine_is_the_component_the_config_selects()
    {
        Assert.IsType<PostgresInstaller>(ComponentCatalog.DatabaseEngine(Config));
        Assert.Contains(ComponentCatalog.ForConfig(Config), c => c.Name == "postgres");
        var galera = ConfigLoader.LoadText(File.ReadAllText(RepoPaths.ExampleConfig).Replace("database: postgres", "database: galera", StringComparison.Ordinal)).Config!;
        Assert.DoesNotContain(ComponentCatalog.ForConfig(galera), c => c.Name == "postgres");
        Assert.IsNotType<PostgresInstaller>(SafeEngine(galera));
    }

    // Until the galera component exists, no engine is selected by "galera".
    private static object? SafeEngine(ClusterConfig config)
    {
        try
        {
            return ComponentCatalog.DatabaseEngine(config);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
