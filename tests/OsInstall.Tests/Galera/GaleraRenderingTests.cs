using OsInstall.Common.Containers;
using OsInstall.Common.Database;
using OsInstall.Common.Ubuntu;
using OsInstall.Components.Galera;
using OsInstall.Tests.Bind;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Galera;

/// <summary>
/// What galera renders, checked by the programs that read it: the Galera config by Debian's own
/// mariadbd (it refuses unknown options and bad values; tests/packages.d/galera.txt), every shell
/// command and script by shellcheck.
/// </summary>
public sealed class GaleraRenderingTests
{
    private const string Mariadbd = "/usr/sbin/mariadbd";

    [Fact]
    public async Task The_galera_config_is_accepted_by_mariadbd_with_the_cluster_address_of_the_three_members()
    {
        var ctx = GaleraTestContext.Context();
        var cnf = GaleraMembers.RenderConfig(ctx);

        var options = await MariadbdOptionsAsync(cnf);

        var domain = ctx.Config.Cluster.Domain;
        Assert.Equal($"gcomm://mariadb-1.{domain},mariadb-2.{domain},mariadb-3.{domain}?pc.wait_prim=no", options["wsrep-cluster-address"]);
        Assert.Equal("TRUE", options["wsrep-on"]);
        Assert.Equal(GaleraSettings.Provider, options["wsrep-provider"]);
        Assert.Equal("rsync", options["wsrep-sst-method"]);
        Assert.Equal("MariaDB Galera Cluster", options["wsrep-cluster-name"]);
        Assert.Equal("0.0.0.0", options["bind-address"]);
        Assert.Equal("ROW", options["binlog-format"]);
        Assert.Equal("2", options["innodb-autoinc-lock-mode"]);
        Assert.Equal("3306", options["port"]);
    }

    [Fact]
    public async Task Mariadbd_refuses_an_unknown_option_so_the_check_above_can_fail()
    {
        var cnf = GaleraMembers.RenderConfig(GaleraTestContext.Context()) + "wsrep_no_such_option = 1\n";
        var (exit, output) = await RunMariadbdAsync(cnf);
        Assert.NotEqual(0, exit);
        Assert.Contains("unknown variable", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_repository_follows_versions_mariadb_and_the_ubuntu_release_and_is_signed_by_the_fetched_key()
    {
        var ctx = GaleraTestContext.Context();
        ctx.Config.Versions.Mariadb = "11.4";
        var list = GaleraMembers.RenderRepo(ctx);
        var line = Assert.Single(list.Split('\n'), l => l.StartsWith("deb ", StringComparison.Ordinal));
        Assert.Equal($"deb [signed-by={GaleraSettings.RepoKeyPath}] {ctx.Config.Versions.MariadbMirror}/11.4/ubuntu {ctx.Config.Lxc.UbuntuRelease} main", line);
        Assert.Contains(ctx.Config.Versions.MariadbKeyUrl, GaleraMembers.RepoKeyCommand(ctx), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_member_1_bootstraps_and_only_when_it_never_was_a_member()
    {
        var ctx = GaleraTestContext.Context();
        var members = GaleraSettings.Members(ctx.Config);
        var first = GaleraMembers.RenderStart(ctx, members[0], configChanged: false);
        Assert.Contains("galera_new_cluster", first, StringComparison.Ordinal);
        Assert.Contains(GaleraSettings.GrastatePath, first, StringComparison.Ordinal);
        foreach (var m in members.Skip(1))
        {
            var join = GaleraMembers.RenderStart(ctx, m, configChanged: false);
            Assert.DoesNotContain("galera_new_cluster", join, StringComparison.Ordinal);
            Assert.Contains("systemctl start mariadb", join, StringComparison.Ordinal);
            Assert.DoesNotContain("restart", join, StringComparison.Ordinal);
            Assert.Contains("systemctl restart mariadb", GaleraMembers.RenderStart(ctx, m, configChanged: true), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_rendered_script_and_command_passes_shellcheck()
    {
        var ctx = GaleraTestContext.Context();
        var members = GaleraSettings.Members(ctx.Config);
        var scripts = new List<string>();
        foreach (var m in members)
        {
            scripts.Add(GaleraMembers.RenderStart(ctx, m, configChanged: false));
            scripts.Add(GaleraMembers.RenderStart(ctx, m, configChanged: true));
        }
        var commands = new List<string>
        {
            GaleraMembers.RepoKeyCommand(ctx),
            Apt.Install(GaleraSettings.Packages),
            Apt.Install("rsyslog"),
            Apt.Purge(GaleraSettings.Packages),
            GaleraSettings.Mariadb.EnableAndRun(true),
            GaleraSettings.Mariadb.StopAndDisable,
            GaleraSettings.Mariadb.EnableIn("/mnt/x"),
            GaleraHealth.ClusterSizeQuery,
            GaleraSqlRunner.Command(new LxcCli(), "mariadb-1", "/var/lib/osinstall/galera/x.sql"),
            UbuntuBaseImage.DebootstrapCommand(ctx.Config, ContainerPaths.BaseMount),
        };
        foreach (var script in scripts.Append("#!/bin/sh\n" + string.Join("\n", commands) + "\n"))
        {
            var file = Path.Combine(Path.GetTempPath(), $"osinstall-galera-{Guid.NewGuid():N}.sh");
            try
            {
                await File.WriteAllTextAsync(file, script);
                var (exit, output) = await Tool.RunAsync(Tool.Require("/usr/bin/shellcheck"), "-s", "sh", file);
                Assert.True(exit == 0, $"shellcheck:\n{output}\n{script}");
            }
            finally
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public void Urls_are_mysql_pymysql_through_haproxy_without_slave_connection_and_survive_any_password()
    {
        var ctx = GaleraTestContext.Context();
        var db = new ServiceDatabase("keystone", "keystone", "keystone_db_password");
        var urls = new GaleraInstaller().Urls(ctx.Config, ctx.Secrets, db);

        Assert.Null(urls.SlaveConnection);
        var uri = new Uri(urls.Connection);
        Assert.Equal("mysql+pymysql", uri.Scheme);
        Assert.Equal(ctx.Config.Fqdn("haproxy"), uri.Host);
        Assert.Equal("/keystone", uri.AbsolutePath);
        var userInfo = uri.UserInfo.Split(':');
        Assert.Equal("keystone", Uri.UnescapeDataString(userInfo[0]));
        Assert.Equal(GaleraTestContext.AwkwardPassword, Uri.UnescapeDataString(userInfo[1]));
    }

    [Fact]
    public void Haproxy_gets_one_tcp_frontend_over_the_three_members_only_when_galera_is_selected()
    {
        var component = new GaleraInstaller();
        var config = GaleraTestContext.Config();
        var backend = Assert.Single(component.Backends(config));
        Assert.Equal(Common.Engine.BackendMode.Tcp, backend.Mode);
        Assert.Equal(3306, backend.Port);
        Assert.Equal(["mariadb-1", "mariadb-2", "mariadb-3"], backend.Servers.Select(s => s.Name));
        Assert.All(backend.Servers, s => Assert.Equal(config.Fqdn(s.Name), s.Address));
        Assert.Empty(component.Backends(GaleraTestContext.Config("postgres")));
    }

    [Fact]
    public void Names_that_are_not_plain_identifiers_never_reach_the_sql()
    {
        var ctx = GaleraTestContext.Context();
        Assert.Throws<ArgumentException>(() => GaleraSql.EnsureDatabase(ctx, new ServiceDatabase("key`stone", "keystone", "keystone_db_password"), "x"));
        Assert.Throws<ArgumentException>(() => GaleraSql.DropDatabase(ctx, new ServiceDatabase("keystone", "k'", "keystone_db_password")));
    }

    [Fact]
    public void The_cluster_size_is_read_from_the_status_line()
    {
        Assert.Equal(3, GaleraHealth.ParseClusterSize("wsrep_cluster_size\t3\n"));
        Assert.Equal(1, GaleraHealth.ParseClusterSize("noise\nwsrep_cluster_size 1\n"));
        Assert.Null(GaleraHealth.ParseClusterSize(""));
        Assert.Null(GaleraHealth.ParseClusterSize("wsrep_cluster_size\tthree"));
    }

    private static async Task<Dictionary<string, string>> MariadbdOptionsAsync(string cnf)
    {
        var (exit, output) = await RunMariadbdAsync(cnf);
        Assert.True(exit == 0, $"mariadbd refused the config:\n{output}\n{cnf}");
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var table = false;
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("-----", StringComparison.Ordinal))
            {
                table = true;
                continue;
            }
            var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            if (table && parts.Length == 2)
            {
                options[parts[0]] = parts[1].Trim();
            }
        }
        return options;
    }

    private static async Task<(int Exit, string Output)> RunMariadbdAsync(string cnf)
    {
        Assert.True(File.Exists(Mariadbd), "mariadbd is missing: install tests/packages.d/galera.txt");
        using var dir = new TempDir("osinstall-galera-cnf");
        var file = dir.File("60-galera.cnf");
        await File.WriteAllTextAsync(file, cnf);
        // --defaults-file must come first; --help --verbose reads every option group mariadbd reads ([galera] too) and prints the values.
        return await Tool.RunAsync(Mariadbd, "--defaults-file=" + file, "--help", "--verbose");
    }
}
