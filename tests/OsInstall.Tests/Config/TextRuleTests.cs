using OsInstall.Common.Config;
using OsInstall.Tests.Resilience;
using Xunit;
using static OsInstall.Tests.Config.ShippedConfig;

namespace OsInstall.Tests.Config;

/// <summary>
/// No config string may hold a control character (newline, tab, ESC, ...) or a Unicode line
/// separator: every value lands in a one-line directive of some file. One rule for every field.
/// </summary>
public sealed class TextRuleTests
{
    [Fact]
    public void Block_scalar_with_a_newline_in_a_name_is_reported_at_its_key_and_line() =>
        Expect("  name: alpine                   # shared by image, volume and server",
            "  name: |\n    alpine\n    evil", "sample_vm.name", "contains a line break (\\n) at character 7", "one line of printable text");

    [Fact]
    public void Double_quoted_tab_escape_is_reported() =>
        Expect("  region: RegionOne", "  region: \"Region\\tOne\"", "cluster.region", "'Region\\tOne' contains a tab (\\t) at character 7");

    [Fact]
    public void Double_quoted_escape_character_is_reported_and_shown_escaped()
    {
        var error = Expect("  demo_project: o3p-project", "  demo_project: \"o3p\\e[31m\"", "openstack.demo_project", "control character U+001B at character 4");
        Assert.DoesNotContain('\u001b', error.ToString());
        Assert.Contains("'o3p\\x1b[31m'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\\N", "control character U+0085")]
    [InlineData("\\L", "Unicode line separator (U+2028)")]
    [InlineData("\\P", "Unicode paragraph separator (U+2029)")]
    [InlineData("\\r", "carriage return")]
    [InlineData("\\x7f", "control character U+007F")]
    [InlineData("\\0", "NUL character")]
    public void Other_line_breaking_and_control_characters_are_reported(string escape, string what) =>
        Expect("  region: RegionOne", $"  region: \"Region{escape}One\"", "cluster.region", what, "at character 7");

    [Fact]
    public void Only_the_control_character_is_reported_not_the_format_rule_too() =>
        // A newline also breaks the DNS-name rule; one clear error is enough.
        Expect("  domain: oppp.lab", "  domain: \"oppp.lab\\nevil\"", "cluster.domain", "line break");

    [Fact]
    public void List_entry_is_checked() =>
        Expect("    - tty0", "    - \"tty0\\nconsole=ttyS0\"", "ipxe.consoles[0]", "line break");

    [Fact]
    public void Host_entry_is_checked() =>
        Expect("  - name: o3p-os-compute-2", "  - name: \"o3p-os-compute-2\\n\"", "compute_nodes[1].name", "line break");

    [Fact]
    public void Map_value_is_checked() =>
        Expect("    local0: ovs-ovn.log", "    local0: \"ovs-ovn.log\\a\"", "rsyslog.facilities.local0", "control character U+0007");

    [Fact]
    public void Map_key_is_checked_and_shown_escaped()
    {
        var error = Expect("    local0: ovs-ovn.log", "    \"local0\\n\": ovs-ovn.log", "rsyslog.facilities.local0\n", "key 'local0\\n' contains a line break");
        Assert.StartsWith($"line {error.Line}: rsyslog.facilities.local0\\n: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Printable_metacharacters_are_not_this_rules_business()
    {
        // Shell and format metacharacters are printable: whether a field may hold them is up to its own format rule.
        var config = Assert.IsType<ClusterConfig>(ConfigLoader.LoadText(Text).Config);
        config.Openstack.KeepalivedNotificationEmail = "";
        config.Ssh.KnownHosts = " v'\"$\\`;|&<> $(touch /tmp/pwned) %(x)s ${y} $z %% # ;x ";
        Assert.DoesNotContain(ConfigValidator.Validate(config), e => e.Path == "ssh.known_hosts" && e.Message.Contains("printable", StringComparison.Ordinal));
    }

    /// <summary>
    /// Every string field of the model, set in code (no YAML, no binder) to its value with a newline
    /// in it, is reported once, at its own path: the rule walks the model, not a list of fields.
    /// </summary>
    [Fact]
    public void Every_string_field_of_the_model_is_checked()
    {
        var fields = ConfigStringField.All(Assert.IsType<ClusterConfig>(ConfigLoader.LoadText(Text).Config));
        Assert.True(fields.Count > 80, $"only {fields.Count} string fields found");
        foreach (var field in fields)
        {
            var config = Assert.IsType<ClusterConfig>(ConfigLoader.LoadText(Text).Config);
            var same = ConfigStringField.All(config).Single(f => f.Path == field.Path);
            var broken = same.Value + "\nx";
            same.Set(broken);
            // A map's key is named as it now reads (escaped, as every message shows a value).
            var path = same.YamlKeyHolding(broken);
            var errors = ConfigValidator.Validate(config);
            var mine = errors.Where(e => e.Path == path || e.Path == PrintableText.Escape(path)).ToList();
            Assert.True(mine.Count == 1 && mine[0].Message.Contains("line break", StringComparison.Ordinal),
                $"{path}: expected one line-break error, got:\n" + string.Join('\n', errors));
        }
    }
}
