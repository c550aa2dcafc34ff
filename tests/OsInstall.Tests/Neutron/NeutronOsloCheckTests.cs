using OsInstall.Tests.OpenStack;

namespace OsInstall.Tests.Neutron;

/// <summary>
/// The oslo checker with neutron's definitions catches mistakes in neutron's files (the passing
/// renders are in <see cref="RenderedConfigs"/>): a checker entry whose namespaces were too wide or
/// wrong would let these through.
/// </summary>
[Collection(OsloCheckerCollection.Name)]
public sealed class NeutronOsloCheckTests
{
    private static string Replace(string text, string line, string replacement)
    {
        Assert.Contains(line + "\n", text, StringComparison.Ordinal);
        return text.Replace(line + "\n", replacement + "\n", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("neutron", "core_plugin = ml2", "core_plugin = ml3", "INVALID DEFAULT/core_plugin = ml3: no such driver")]
    [InlineData("neutron", "bind_port = 9696", "bind_port = 96960", "INVALID DEFAULT/bind_port = 96960")]
    [InlineData("neutron", "notify_nova_on_port_status_changes = true", "notify_nova_on_port_status_changes = sometimes", "INVALID DEFAULT/notify_nova_on_port_status_changes = sometimes")]
    [InlineData("neutron", "[nova]", "[nova]\nauth_typo = password", "UNKNOWN nova/auth_typo")]
    [InlineData("neutron.ml2", "ovn_l3_scheduler = leastloaded", "ovn_l3_scheduler = leastloadd", "INVALID ovn/ovn_l3_scheduler = leastloadd")]
    [InlineData("neutron.ml2", "enable_ipset = true", "enable_ipset = yes please", "INVALID securitygroup/enable_ipset = yes please")]
    [InlineData("neutron.ml2", "ovn_metadata_enabled = true", "ovn_metadata_enable = true", "UNKNOWN ovn/ovn_metadata_enable")]
    public async Task A_mistake_in_neutron_conf_or_ml2_conf_fails_and_is_named(string service, string line, string replacement, string expected)
    {
        var rendered = service == "neutron" ? NeutronTests.RenderConf() : NeutronTests.RenderMl2Conf();

        var (exit, output) = await OsloConfigChecker.CheckAsync(service, Replace(rendered, line, replacement));

        Assert.Equal(1, exit);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_metadata_agent_ini_with_an_unescaped_dollar_fails()
    {
        // What the compute template gave before its secrets were escaped: oslo.config reads "$t..." as a reference.
        var ini = RenderedConfigs.RenderComputeNode(Components.Compute.ComputeTemplates.MetadataAgentIni);
        var broken = ini.Replace("$$", "$", StringComparison.Ordinal);
        Assert.NotEqual(ini, broken);

        var (exit, output) = await OsloConfigChecker.CheckAsync("neutron.ovn.metadata.agent", broken);

        Assert.Equal(1, exit);
        Assert.Contains("metadata_proxy_shared_secret", output, StringComparison.Ordinal);
    }
}
