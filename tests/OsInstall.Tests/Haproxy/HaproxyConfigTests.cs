using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Components.Haproxy;
using OsInstall.Tests.Rsyslog;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Haproxy;

/// <summary>haproxy.cfg as the installed components make it, checked by Debian's haproxy with warnings fatal.</summary>
public sealed class HaproxyConfigTests
{
    private static readonly ClusterConfig Config = Rsyslog.ShippedConfig.Load();

    private static readonly BackendComponent Keystone = new("test-keystone", 100,
        BackendComponent.Http(Config, "keystone", "keystone-public", 5000, "/v3"));

    private static readonly BackendComponent Postgres = new("test-postgres", 40,
        BackendComponent.Tcp(Config, "postgres", "postgres", 5432));

    private static readonly BackendComponent Nova = new("test-nova", 120,
        BackendComponent.Http(Config, "nova", "nova-api", 8774, "/"),
        BackendComponent.Http(Config, "nova", "nova-metadata", 8775, "/healthcheck"));

    [Fact]
    public async Task With_no_backends_the_config_passes_haproxy_check_and_serves_only_the_stats_page()
    {
        var conf = HaproxyFrontends.Render(HaproxyTestContext.Create(), []);

        await AssertValidAsync(conf);
        Assert.Single(Listens(conf));
        Assert.Contains("listen stats", conf, StringComparison.Ordinal);
        Assert.Contains($"monitor-uri {HaproxySettings.MonitorUri}", conf, StringComparison.Ordinal);
        Assert.Contains("master-worker", conf, StringComparison.Ordinal);
        Assert.Contains("log /dev/log daemon", conf, StringComparison.Ordinal);
        // bind on every controller answers haproxy's re-resolution of the containers' names.
        foreach (var (c, i) in Config.Controllers.Select((c, i) => (c, i)))
        {
            Assert.Contains($"nameserver bind-{i + 1} {c.Address}:{Config.Dns.Port}", conf, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Http_with_check_path_and_tcp_postgres_backends_pass_haproxy_check()
    {
        var conf = Render([Postgres, Keystone]);

        await AssertValidAsync(conf);
        var keystone = Section(conf, "keystone-public");
        Assert.Contains("bind :5000", keystone, StringComparison.Ordinal);
        Assert.Contains("mode http", keystone, StringComparison.Ordinal);
        Assert.Contains("http-check send meth GET uri /v3", keystone, StringComparison.Ordinal);
        foreach (var i in new[] { 1, 2, 3 })
        {
            Assert.Contains($"server keystone-{i} keystone-{i}.{Config.Cluster.Domain}:5000 check", keystone, StringComparison.Ordinal);
        }
        var postgres = Section(conf, "postgres");
        Assert.Contains("mode tcp", postgres, StringComparison.Ordinal);
        Assert.Contains("bind :5432", postgres, StringComparison.Ordinal);
        Assert.DoesNotContain("httpchk", postgres, StringComparison.Ordinal);
        Assert.Contains($"server postgres-1 postgres-1.{Config.Cluster.Domain}:5432 check", postgres, StringComparison.Ordinal);
        // Servers are DNS names: they must not stop haproxy from starting when DNS has no answer.
        Assert.Contains("default-server init-addr last,none resolvers bind", conf, StringComparison.Ordinal);
        // Install order, whatever order the components came in.
        Assert.True(conf.IndexOf("listen postgres", StringComparison.Ordinal) < conf.IndexOf("listen keystone-public", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Adding_then_removing_a_component_regenerates_a_valid_config_with_and_without_its_frontends()
    {
        var installed = new[] { Postgres.Name, Keystone.Name, "haproxy" };
        var ctx = HaproxyTestContext.Create(installed: installed);
        var before = HaproxyFrontends.Render(ctx, Backends(ctx, null, true, [Postgres, Keystone]));
        var added = HaproxyFrontends.Render(ctx, Backends(ctx, Nova, true, [Postgres, Keystone]));
        var ctxAfter = HaproxyTestContext.Create(installed: [.. installed, Nova.Name]);
        var removed = HaproxyFrontends.Render(ctxAfter, Backends(ctxAfter, Keystone, false, [Postgres, Keystone, Nova]));

        foreach (var conf in new[] { before, added, removed })
        {
            await AssertValidAsync(conf);
        }
        Assert.Equal(["stats", "postgres", "keystone-public"], Listens(before));
        Assert.Equal(["stats", "postgres", "keystone-public", "nova-api", "nova-metadata"], Listens(added));
        Assert.Equal(["stats", "postgres", "nova-api", "nova-metadata"], Listens(removed));
    }

    [Fact]
    public void Backends_come_from_the_installed_catalog_components_plus_the_changed_one_minus_the_removed_one()
    {
        // All of the catalog is "installed": its components' own backends, plus the changed (test) component's when it is installed.
        var catalog = Components.ComponentCatalog.ForConfig(Config);
        var all = catalog.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var fromCatalog = catalog.Where(c => c.Name != Keystone.Name).SelectMany(c => c.Backends(Config)).Select(b => b.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("postgres", fromCatalog); // the catalog does declare backends (postgres reads, the APIs)
        Assert.Equal([.. fromCatalog.Append("keystone-public").Order(StringComparer.Ordinal)],
            HaproxyFrontends.Backends(Config, all, Keystone, changedInstalled: true).Select(b => b.Name).Order(StringComparer.Ordinal));
        Assert.Equal(fromCatalog, HaproxyFrontends.Backends(Config, all, Keystone, changedInstalled: false).Select(b => b.Name).Order(StringComparer.Ordinal));
        Assert.Empty(HaproxyFrontends.Backends(Config, new HashSet<string>(StringComparer.Ordinal)));
    }

    [Fact]
    public void Backends_haproxy_would_reject_or_misroute_are_refused_naming_the_backend()
    {
        var ctx = HaproxyTestContext.Create();
        var samePort = BackendComponent.Http(Config, "glance", "glance-api", 5000, "/");
        var statsPort = BackendComponent.Http(Config, "glance", "glance-api", HaproxySettings.StatsPort, "/");
        var badPath = BackendComponent.Http(Config, "glance", "glance-api", 9292, "/x y");
        var badName = BackendComponent.Http(Config, "glance", "glance api", 9292, "/");
        var noServers = new ServiceBackend("empty", 9999, []);

        Assert.Contains("port 5000 is taken by 'keystone-public'",
            Assert.Throws<InvalidOperationException>(() => HaproxyFrontends.Render(ctx, [.. Keystone.Backends(Config), samePort])).Message, StringComparison.Ordinal);
        Assert.Contains("glance-api", Assert.Throws<InvalidOperationException>(() => HaproxyFrontends.Render(ctx, [statsPort])).Message, StringComparison.Ordinal);
        Assert.Contains("check path", Assert.Throws<InvalidOperationException>(() => HaproxyFrontends.Render(ctx, [badPath])).Message, StringComparison.Ordinal);
        Assert.Contains("proxy name", Assert.Throws<InvalidOperationException>(() => HaproxyFrontends.Render(ctx, [badName])).Message, StringComparison.Ordinal);
        Assert.Contains("no servers", Assert.Throws<InvalidOperationException>(() => HaproxyFrontends.Render(ctx, [noServers])).Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// haproxy.cfg holds no secret (no stats credentials) and no free text: the config fields the
    /// validator lets hold a hostile value reach it nowhere, and it still passes haproxy -c.
    /// </summary>
    [Fact]
    public async Task No_config_field_that_may_hold_a_hostile_value_reaches_haproxy_cfg()
    {
        const string payload = "v'\"$\\`;|&<> $(touch /tmp/pwned) %(x)s ${y} $z %% # ;x";
        var accepting = HostileConfigFields.Accepting(Rsyslog.ShippedConfig.Load, payload);
        var config = Rsyslog.ShippedConfig.Load();
        HostileConfigFields.Apply(config, accepting, payload);
        var conf = HaproxyFrontends.Render(HaproxyTestContext.Create(config), Nova.Backends(config));

        await AssertValidAsync(conf);
        Assert.DoesNotContain("pwned", conf, StringComparison.Ordinal);
        Assert.NotEmpty(accepting);
    }

    [Fact]
    public async Task A_config_haproxy_rejects_is_refused_by_the_same_check()
    {
        // The check the tests rely on is not a rubber stamp.
        var conf = HaproxyFrontends.Render(HaproxyTestContext.Create(), []).Replace("balance source", "balance nonsense", StringComparison.Ordinal);
        var (ok, output) = await CheckAsync(conf);
        Assert.False(ok, output);
    }

    internal static async Task AssertValidAsync(string conf)
    {
        var (ok, output) = await CheckAsync(conf);
        Assert.True(ok, $"haproxy -c -dW rejected the config:\n{output}\n---\n{conf}");
    }

    internal static async Task<(bool Ok, string Output)> CheckAsync(string conf)
    {
        using var dir = new TempDir("osinstall-haproxy-cfg");
        var file = dir.File("haproxy.cfg");
        await File.WriteAllTextAsync(file, conf);
        var result = await ExternalTool.RunAsync(ExternalTool.Require("haproxy"), ["-c", "-dW", "-f", file], CancellationToken.None);
        return (result.Succeeded, result.Output);
    }

    internal static List<string> Listens(string conf) =>
        conf.Split('\n').Where(l => l.StartsWith("listen ", StringComparison.Ordinal)).Select(l => l["listen ".Length..].Trim()).ToList();

    private static string Render(IEnumerable<BackendComponent> components)
    {
        var ctx = HaproxyTestContext.Create();
        return HaproxyFrontends.Render(ctx, components.OrderBy(c => c.Order).SelectMany(c => c.Backends(Config)));
    }

    // The catalog does not know the test components: stand in for "installed" by the ones given.
    private static IEnumerable<ServiceBackend> Backends(ComponentContext ctx, BackendComponent? changed, bool installed, IEnumerable<BackendComponent> present) =>
        present.Where(c => c.Name != changed?.Name && ctx.InstalledComponents.Contains(c.Name))
            .Concat(changed is not null && installed ? [changed] : [])
            .OrderBy(c => c.Order).SelectMany(c => c.Backends(Config));

    private static string Section(string conf, string name)
    {
        var start = conf.IndexOf($"listen {name}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no listen {name}");
        var end = conf.IndexOf("\nlisten ", start + 1, StringComparison.Ordinal);
        return end < 0 ? conf[start..] : conf[start..end];
    }
}
