using OsInstall.Common.Dns;
using OsInstall.Common.Targets;
using OsInstall.Components.Bind;
using OsInstall.Tests.Dns;
using OsInstall.Tests.TestSupport;
using Xunit;

namespace OsInstall.Tests.Bind;

/// <summary>The files a dry-run install writes, with production paths, checked by bind's own tools.</summary>
public sealed class BindRenderingTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("osinstall-bind-render-");

    public void Dispose() => root.Delete(recursive: true);

    private static Task<IReadOnlyList<PlannedAction>> InstallAsync() =>
        BindTestCluster.DryRunAsync(new BindInstaller(null, FixedClock.Nov25), BindTestCluster.Config());

    [Fact]
    public async Task Every_named_conf_passes_named_checkconf_with_its_zones()
    {
        var actions = await InstallAsync();
        BindTestCluster.Materialize(actions, root.FullName, perHost: true);
        foreach (var host in BindTestCluster.Config().Controllers.Select(c => c.Name))
        {
            // What Alpine's bind package creates.
            Directory.CreateDirectory(Path.Join(root.FullName, host, "var/bind/sec"));
            // -t: includes and zone files resolve inside the host's tree, as on the host; -z: load the primary zones too.
            var (exit, output) = await Tool.RunAsync(Tool.Require("/usr/bin/named-checkconf"), "-t", Path.Join(root.FullName, host), "-z", "/etc/bind/named.conf");
            Assert.True(exit == 0, $"{host}: named-checkconf failed:\n{output}");
        }
    }

    /// <summary>
    /// named's own reading of the keys (named-checkconf -p prints the parsed config, secrets
    /// included): each host's TSIG and rndc keys are exactly the secrets, whatever base64 holds.
    /// A key that is not base64 never gets here: the secrets reader refuses it (SecretFormat.Base64).
    /// </summary>
    [Fact]
    public async Task The_keys_read_back_exactly_through_named_checkconf()
    {
        Assert.Contains('=', BindTestCluster.TransferSecret + BindTestCluster.RndcSecret);
        var actions = await InstallAsync();
        BindTestCluster.Materialize(actions, root.FullName, perHost: true);
        foreach (var host in BindTestCluster.Config().Controllers.Select(c => c.Name))
        {
            Directory.CreateDirectory(Path.Join(root.FullName, host, "var/bind/sec"));
            var (exit, output) = await Tool.RunAsync(Tool.Require("/usr/bin/named-checkconf"), "-p", "-t", Path.Join(root.FullName, host), "/etc/bind/named.conf");
            Assert.True(exit == 0, $"{host}: named-checkconf failed:\n{output}");
            var secrets = System.Text.RegularExpressions.Regex.Matches(output, "secret \"([^\"]*)\";").Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal);
            Assert.Equal(new[] { BindTestCluster.TransferSecret, BindTestCluster.RndcSecret }.Order(StringComparer.Ordinal), secrets);
        }
    }

    [Fact]
    public async Task Every_zone_passes_named_checkzone()
    {
        var actions = await InstallAsync();
        var zones = DnsZoneSet.FromConfig(BindTestCluster.Config());
        foreach (var zone in zones.All)
        {
            var write = Assert.Single(actions, a => a.Kind == "write" && a.Path == zone.FilePath);
            Assert.Equal("o3p-os-controller-1", write.Host);
            var file = Path.Join(root.FullName, Path.GetFileName(zone.FilePath));
            await File.WriteAllTextAsync(file, write.Content);
            var (exit, output) = await Tool.RunAsync(Tool.Require("/usr/bin/named-checkzone"), zone.Name, file);
            Assert.True(exit == 0, $"{zone.Name}: named-checkzone failed:\n{output}\n{write.Content}");
        }
    }

    [Fact]
    public async Task Zones_hold_the_controllers_and_compute_nodes()
    {
        var actions = await InstallAsync();
        string Content(string file) => actions.Single(a => a.Path == "/var/bind/pri/" + file).Content!;
        var forward = ZoneFile.Parse(Content("compute.zone"), "oppp.lab");
        Assert.Equal(2026112501, forward.Soa.Serial);
        Assert.Equal("ns.oppp.lab.", forward.Soa.PrimaryNameServer);
        Assert.Equal(["ns", "ns-2", "ns-3"], forward.Find("@", "NS").Select(r => r.Data));
        Assert.Equal("10.1.1.3", forward.Find("ns-3", "A")[0].Data);
        Assert.Equal("10.1.1.2", forward.Find("o3p-os-controller-2", "A")[0].Data);
        Assert.Equal("10.1.1.5", forward.Find("o3p-os-compute-2", "A")[0].Data);

        var computeReverse = ZoneFile.Parse(Content("compute-reverse.zone"), "1.1.10.in-addr.arpa");
        Assert.Equal("o3p-os-controller-1.oppp.lab.", computeReverse.Find("1", "PTR")[0].Data);
        Assert.Equal("o3p-os-compute-1.oppp.lab.", computeReverse.Find("4", "PTR")[0].Data);
        Assert.Equal(5, computeReverse.Records.Count(r => r.Type == "PTR"));

        var internalReverse = ZoneFile.Parse(Content("internal-reverse.zone"), "0.0.10.in-addr.arpa");
        Assert.DoesNotContain(internalReverse.Records, r => r.Type == "PTR");
        Assert.Equal(3, internalReverse.Find("@", "NS").Count);
    }

    [Fact]
    public async Task Primary_and_secondaries_are_wired_with_the_transfer_key()
    {
        var actions = await InstallAsync();
        string Conf(string host) => actions.Single(a => a.Host == host && a.Path == "/etc/bind/named.conf").Content!;
        var primary = Conf("o3p-os-controller-1");
        Assert.Contains("type primary;", primary, StringComparison.Ordinal);
        Assert.Contains("allow-transfer { key \"osinstall-transfer\"; };", primary, StringComparison.Ordinal);
        Assert.Contains("10.1.1.2 port 53;", primary, StringComparison.Ordinal);
        Assert.Contains("listen-on port 53 { 127.0.0.1; 10.1.1.1; };", primary, StringComparison.Ordinal);
        Assert.Contains("10.1.1.10;", primary, StringComparison.Ordinal);
        Assert.Contains("zone \"0.0.10.in-addr.arpa\"", primary, StringComparison.Ordinal);
        Assert.Contains("zone \"1.1.10.in-addr.arpa\"", primary, StringComparison.Ordinal);
        var secondary = Conf("o3p-os-controller-3");
        Assert.Contains("type secondary;", secondary, StringComparison.Ordinal);
        Assert.Contains("primaries { 10.1.1.1 port 53 key \"osinstall-transfer\"; };", secondary, StringComparison.Ordinal);
        Assert.Contains("file \"sec/compute.zone\";", secondary, StringComparison.Ordinal);
        Assert.Contains("listen-on port 53 { 127.0.0.1; 10.1.1.3; };", secondary, StringComparison.Ordinal);
        Assert.DoesNotContain(actions, a => a.Host != "o3p-os-controller-1" && a.Path?.EndsWith(".zone", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Secrets_only_land_in_key_files_readable_by_named_alone()
    {
        var actions = await InstallAsync();
        var writes = actions.Where(a => a.Kind == "write").ToList();
        foreach (var a in writes)
        {
            var holdsSecret = a.Content!.Contains(BindTestCluster.TransferSecret, StringComparison.Ordinal)
                || a.Content.Contains(BindTestCluster.RndcSecret, StringComparison.Ordinal);
            var isKey = a.Path!.EndsWith(".key", StringComparison.Ordinal);
            Assert.Equal(isKey, holdsSecret);
            if (isKey)
            {
                Assert.Equal(new FileSpec("0640", "root", "named"), a.Spec);
            }
        }
        Assert.Equal(6, writes.Count(a => a.Path!.EndsWith(".key", StringComparison.Ordinal)));
        Assert.DoesNotContain(actions, a => a.Kind == "run" && (a.Detail.Contains(BindTestCluster.TransferSecret, StringComparison.Ordinal) || a.Detail.Contains(BindTestCluster.RndcSecret, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Resolv_conf_searches_the_domain_and_asks_the_controllers()
    {
        var actions = await InstallAsync();
        var resolv = actions.Where(a => a.Path == "/etc/resolv.conf").ToList();
        Assert.Equal(3, resolv.Count);
        Assert.All(resolv, a => Assert.EndsWith("search oppp.lab\nnameserver 10.1.1.1\nnameserver 10.1.1.2\nnameserver 10.1.1.3\n", a.Content, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_command_passes_shellcheck()
    {
        var actions = (await InstallAsync()).Concat(await BindTestCluster.DryRunAsync(new BindInstaller(), BindTestCluster.Config(), uninstall: true));
        var commands = actions.Where(a => a.Kind == "run").Select(a => a.Detail).Distinct().ToList();
        Assert.Contains("apk info -e bind >/dev/null 2>&1 || apk add bind", commands);
        Assert.Contains(ExpectedAlpineCommands.EnableAndRestart("named"), commands);
        Assert.Contains("rm -rf /etc/bind /var/bind /var/log/bind", commands);
        var script = Path.Join(root.FullName, "bind-commands.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\n" + string.Join("\n", commands) + "\n");
        var (exit, output) = await Tool.RunAsync(Tool.Require("/usr/bin/shellcheck"), "-s", "sh", script);
        Assert.True(exit == 0, $"shellcheck:\n{output}");
    }
}
