using OsInstall.Common.Config;
using OsInstall.Common.Config.Rules;
using Xunit;

namespace OsInstall.Tests.Config;

/// <summary>The small parsers the rules stand on.</summary>
public sealed class ConfigHelperTests
{
    [Theory]
    [InlineData("MacOuiManual", "mac_oui_manual")]
    [InlineData("SshPort", "ssh_port")]
    [InlineData("ReadyToProceed", "ready_to_proceed")]
    [InlineData("SyslogSizeKb", "syslog_size_kb")]
    public void Property_names_map_to_snake_case_keys(string property, string key) =>
        Assert.Equal(key, SnakeCaseNames.FromPascal(property));

    [Theory]
    [InlineData("domian", "domain")]
    [InlineData("adress", "address")]
    [InlineData("key-file", "key_file")]
    [InlineData("keyFile", "key_file")]
    [InlineData("zzzzzz", null)]
    public void Suggestions_tolerate_swaps_dashes_and_camel_case(string typed, string? expected) =>
        Assert.Equal(expected, KeySuggester.Closest(typed, ["domain", "address", "key_file", "region"]));

    [Theory]
    [InlineData("10.0.0.0/24", true)]
    [InlineData("0.0.0.0/0", true)]
    [InlineData("10.0.0.1/32", true)]
    [InlineData("10.0.0.1/24", false)]
    [InlineData("10.0.0.0/", false)]
    [InlineData("10.0.0.0/+8", false)]
    [InlineData("10.0.0/24", false)]
    public void Cidr_parsing_is_strict(string text, bool valid) =>
        Assert.Equal(valid, Ipv4Network.Parse(text, out _) is not null);

    [Theory]
    [InlineData("10.1.1.1", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("10.1.1.1\n", false)]
    [InlineData(" 10.1.1.1", false)]
    [InlineData("10.1.1", false)]
    [InlineData("10.1.1.1.1", false)]
    [InlineData("1e1.1.1.1", false)]
    public void Ipv4_parsing_is_strict(string text, bool valid) =>
        Assert.Equal(valid, Ipv4Address.TryParse(text, out _));

    [Fact]
    public void Network_membership_uses_the_mask()
    {
        var net = Ipv4Network.Parse("10.1.0.0/16", out _)!.Value;
        Assert.True(Ipv4Address.TryParse("10.1.255.1", out var inside) && net.Contains(inside));
        Assert.True(Ipv4Address.TryParse("10.2.0.1", out var outside) && !net.Contains(outside));
    }

    [Theory]
    [InlineData("oppp.lab", true)]
    [InlineData("a.b.c", true)]
    [InlineData("oppp", false)]
    [InlineData("oppp.lab.", false)]
    [InlineData("op_pp.lab", false)]
    [InlineData("oppp.lab\n", false)]
    public void Dns_names_are_checked_label_by_label(string name, bool valid) =>
        Assert.Equal(valid, TextFormats.IsDnsName(name));

    [Fact]
    public void Control_characters_are_escaped_in_messages() =>
        Assert.Equal("a\\nb\\x1b", PrintableText.Escape("a\nb\u001b"));
}
