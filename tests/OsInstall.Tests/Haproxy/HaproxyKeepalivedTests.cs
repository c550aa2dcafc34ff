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

    /// <summary>Every character the auth_pass format allows, eight at a time (letters and digits fill the last).</summary>
    public static TheoryData<string> AuthPasses()
    {
        var all = KeepalivedConfig.AuthPassPunctuation + "aZ09";
        var data = new TheoryData<string>();
        for (var i = 0; i < all.Length; i += 8)
        {
            data.Add(all.Substring(i, Math.Min(8, all.Length - i)));
        }
        return data;
    }

    /// <summary>
    /// The free text keepalived.conf holds, at the edge of what the secrets reader and the config
    /// validator accept, reads back exactly from keepalived's own dump of what it parsed: the
    /// auth_pass and the notification addresses.
    /// </summary>
    [Theory]
    [MemberData(nameof(AuthPasses))]
    public async Task Auth_pass_and_notification_addresses_read_back_exactly_from_keepalived(string authPass)
    {
        Assert.True(KeepalivedConfig.AuthPassFormat.Accepts(authPass));
        var config = Rsyslog.ShippedConfig.Load();
        config.Openstack.KeepalivedNotificationEmail = "ops.team_1%x+y-z@mail-1.example.org";
        config.Openstack.KeepalivedEmailFrom = "keepalived+vip.1@o3p-os-controller-1.example.com";
        config.Openstack.KeepalivedSmtpServer = "smtp-1.example.org";
        Assert.DoesNotContain(Common.Config.ConfigValidator.Validate(config), e => e.Path.StartsWith("openstack.keepalived", StringComparison.Ordinal));
        var ctx = HaproxyTestContext.Create(config);
        ctx.Secrets.Set(KeepalivedConfig.AuthSecret, authPass);

        var conf = Render(ctx, 2);
        var (ok, dump) = await KeepalivedCheck.DumpAsync(conf, ctx.Config.Openstack.KeepalivedInterface, Scripts(ctx));

        Assert.True(ok, dump + "\n---\n" + conf);
        Assert.Equal([authPass], KeepalivedCheck.DumpValues(dump, "Password"));
        Assert.Equal([config.Openstack.KeepalivedEmailFrom], KeepalivedCheck.DumpValues(dump, "Email notification from"));
        // The address is the line after "Email notification to:", but keepalived's processes write the dump
        // side by side and a line of the other one can come between: the address's own line is what counts.
        Assert.Contains("Email notification to:", dump, StringComparison.Ordinal);
        Assert.Matches(new System.Text.RegularExpressions.Regex(
            $"^[^\\n]*: +{System.Text.RegularExpressions.Regex.Escape(config.Openstack.KeepalivedNotificationEmail)}$", System.Text.RegularExpressions.RegexOptions.Multiline), dump);
    }

    [Theory]
    [InlineData("a#b@example.org")]
    [InlineData("a!b@example.org")]
    [InlineData("a{b}@example.org")]
    [InlineData("\"a\"@example.org")]
    [InlineData("a$b@example.org")]
    [InlineData("a~b@example.org")]
    public void A_notification_address_keepalived_would_cut_short_is_refused(string address)
    {
        // keepalived reads "a#b@example.org" as "a" (checked with its dump): the validator must refuse it.
        var config = Rsyslog.ShippedConfig.Load();
        config.Openstack.KeepalivedNotificationEmail = address;
        config.Openstack.KeepalivedEmailFrom = address;
        var errors = Common.Config.ConfigValidator.Validate(config);
        Assert.Contains(errors, e => e.Path == "openstack.keepalived_notification_email" && e.Message.Contains("not an e-mail address", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "openstack.keepalived_email_from");
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
