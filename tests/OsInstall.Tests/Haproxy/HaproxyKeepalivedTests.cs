using OsInstall.Common.Containers;
using OsInstall.Common.OpenStack;
using OsInstall.Components.Haproxy;
using OsInstall.Components.Keepalived;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Haproxy;

/// <summary>Each member's keepalived.conf, checked by Debian's keepalived -t with the configured interface present.</summary>
public sealed class HaproxyKeepalivedTests
{
    private static readonly string[] Addresses = ["10.0.0.11", "10.0.0.12", "10.0.0.13"];

    public static TheoryData<int> Members => new() { 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Members))]
    public async Task Every_member_config_passes_keepalived_config_test(int index)
    {
        var ctx = HaproxyTestContext.Create();
        var conf = Render(ctx, index);

        var (ok, output) = await KeepalivedCheck.RunAsync(conf, ctx.Config.Openstack.KeepalivedInterface, Scripts(ctx));

        Assert.True(ok, $"keepalived -t rejected haproxy-{index}'s config:\n{output}\n---\n{conf}");
    }

    [Fact]
    public async Task The_check_fails_when_the_configured_interface_is_missing()
    {
        // keepalived -t really reads the interface: the check above is not a rubber stamp.
        var ctx = HaproxyTestContext.Create();
        var (ok, output) = await KeepalivedCheck.RunAsync(Render(ctx, 1), "other0", Scripts(ctx));
        Assert.False(ok, output);
    }

    [Fact]
    public void Priorities_states_peers_and_scripts_are_the_originals()
    {
        var ctx = HaproxyTestContext.Create();
        var confs = new[] { 1, 2, 3 }.Select(i => Render(ctx, i)).ToList();

        Assert.Contains("state MASTER", confs[0], StringComparison.Ordinal);
        Assert.Contains("priority 100", confs[0], StringComparison.Ordinal);
        Assert.Contains("state BACKUP", confs[1], StringComparison.Ordinal);
        Assert.Contains("priority 95", confs[1], StringComparison.Ordinal);
        Assert.Contains("state BACKUP", confs[2], StringComparison.Ordinal);
        Assert.Contains("priority 90", confs[2], StringComparison.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            var conf = confs[i];
            Assert.Contains("virtual_router_id 51", conf, StringComparison.Ordinal);
            Assert.Contains($"        {ctx.Config.Vips.Haproxy}\n", conf, StringComparison.Ordinal);
            Assert.Contains($"interface {ctx.Config.Openstack.KeepalivedInterface}", conf, StringComparison.Ordinal);
            Assert.Contains($"auth_pass {HaproxyTestContext.AuthPass}", conf, StringComparison.Ordinal);
            Assert.Contains($"script \"{HaproxySettings.CheckScriptPath}\"", conf, StringComparison.Ordinal);
            Assert.Contains("weight -20", conf, StringComparison.Ordinal);
            Assert.Contains($"notify_master \"{HaproxySettings.NotifyScriptPath} master\" root root", conf, StringComparison.Ordinal);
            Assert.Contains($"notify_backup \"{HaproxySettings.NotifyScriptPath} backup\" root root", conf, StringComparison.Ordinal);
            // Unicast to the two others, never to itself.
            var peers = Peers(conf);
            Assert.Equal(Addresses.Where((_, j) => j != i), peers);
        }
    }

    [Fact]
    public void Keepalived_logs_to_the_facility_the_collectors_write_to_keepalived_log()
    {
        var ctx = HaproxyTestContext.Create();
        Assert.Equal("local1", HaproxySettings.KeepalivedFacility(ctx.Config));
        Assert.Contains("logger -p local1.info -t keepalived", KeepalivedConfig.RenderInitScript(ctx, HaproxySettings.KeepalivedFacility(ctx.Config)), StringComparison.Ordinal);
        Assert.Contains("-p local1.notice", HaproxyFiles.RenderNotifyScript(ctx), StringComparison.Ordinal);
    }

    /// <summary>The scripts keepalived.conf names, as the member holds them.</summary>
    internal static Dictionary<string, string> Scripts(Common.Engine.ComponentContext ctx) => new(StringComparer.Ordinal)
    {
        [HaproxySettings.CheckScriptPath] = HaproxyFiles.RenderCheckScript(ctx),
        [HaproxySettings.NotifyScriptPath] = HaproxyFiles.RenderNotifyScript(ctx),
    };

    internal static string Render(Common.Engine.ComponentContext ctx, int index, IReadOnlyList<string>? addresses = null)
    {
        var member = ContainerSet.Members(ctx.Config, ClusterEndpoints.HaproxySet)[index - 1];
        return KeepalivedConfig.Render(ctx, HaproxyKeepalived.InstanceFor(ctx.Config, member, addresses ?? Addresses));
    }

    internal static List<string> Peers(string conf)
    {
        var start = conf.IndexOf("unicast_peer {", StringComparison.Ordinal);
        var end = conf.IndexOf('}', start);
        return conf[(start + "unicast_peer {".Length)..end].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }
}
