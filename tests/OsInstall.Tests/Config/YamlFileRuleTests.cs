using System.Text;
using OsInstall.Common.Config;
using Xunit;
using static OsInstall.Tests.Config.ShippedConfig;

namespace OsInstall.Tests.Config;

/// <summary>File-level rules: encoding, emptiness, syntax, tabs, duplicate keys, documents, root shape. One test per rule.</summary>
public sealed class YamlFileRuleTests
{
    [Fact]
    public void Syntax_error_is_reported_with_its_line()
    {
        var error = Assert.Single(ConfigLoader.LoadText("cluster:\n  domain: oppp.lab\n  region: [RegionOne\nssh:\n  port: 22\n").Errors);
        Assert.Equal("(yaml)", error.Path);
        Assert.InRange(error.Line, 3, 5);
        Assert.Contains("YAML syntax error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tab_indentation_is_reported_on_every_line_that_uses_it()
    {
        var (yaml, line) = Edit("  region: RegionOne", "\tregion: RegionOne");
        var errors = ConfigLoader.LoadText(yaml.Replace("  time_zone: UTC", "\ttime_zone: UTC", StringComparison.Ordinal)).Errors;
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Contains("tab is used for indentation", e.Message, StringComparison.Ordinal));
        Assert.Equal([line, line + 1], errors.Select(e => e.Line));
    }

    [Fact]
    public void Duplicate_key_is_reported_with_the_first_line()
    {
        var (yaml, line) = Edit("  region: RegionOne", "  region: RegionOne\n  domain: other.lab");
        var errors = ConfigLoader.LoadText(yaml).Errors;
        Single(errors, "cluster.domain", line + 1, "duplicate key 'domain'", $"first defined at line {line - 1}");
    }

    [Fact]
    public void Every_duplicate_key_is_reported_not_just_the_first()
    {
        var errors = ConfigLoader.LoadText(Text + "ssh:\n  port: 22\nipxe:\n  mirror: x\n").Errors;
        Assert.Equal(2, errors.Count(e => e.Message.Contains("duplicate key", StringComparison.Ordinal)));
    }

    [Fact]
    public void Non_utf8_bytes_are_reported_with_their_line()
    {
        var bytes = Encoding.UTF8.GetBytes("cluster:\n  domain: oppp.lab\n  region: R").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes("gion\n")).ToArray();
        var error = Assert.Single(ConfigLoader.LoadBytes(bytes).Errors);
        Assert.Equal(3, error.Line);
        Assert.Equal(12, error.Column);
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Contains("0xE9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8_byte_order_mark_is_accepted()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Text)).ToArray();
        Assert.Empty(ConfigLoader.LoadBytes(bytes).Errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    public void Empty_file_is_reported(string yaml)
    {
        var error = Assert.Single(ConfigLoader.LoadText(yaml).Errors);
        Assert.Equal(1, error.Line);
        Assert.Contains("the file is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Root_that_is_not_a_map_is_reported()
    {
        var error = Assert.Single(ConfigLoader.LoadText("- cluster\n- ssh\n").Errors);
        Assert.Equal("(root)", error.Path);
        Assert.Equal(1, error.Line);
        Assert.Contains("top level must be a map", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Second_document_is_reported()
    {
        var errors = ConfigLoader.LoadText(Text + "---\nfoo: bar\n").Errors;
        var error = Assert.Single(errors);
        Assert.Equal(Text.Count(c => c == '\n') + 1, error.Line);
        Assert.Contains("more than one YAML document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Alias_to_an_undefined_anchor_is_reported()
    {
        var (yaml, line) = Edit("  region: RegionOne", "  region: *nowhere");
        Assert.Contains(ConfigLoader.LoadText(yaml).Errors, e => e.Line == line && e.Message.Contains("no anchor", StringComparison.Ordinal));
    }

    [Fact]
    public void Anchors_and_aliases_bind_like_the_value_they_name()
    {
        var (yaml, _) = Edit("  region: RegionOne", "  region: &r RegionOne\n  time_zone: *r");
        var result = ConfigLoader.LoadText(yaml.Replace("  time_zone: UTC                 # used by horizon (Django TIME_ZONE)\n", "", StringComparison.Ordinal));
        Assert.Empty(result.Errors);
        Assert.Equal("RegionOne", result.Config!.Cluster.TimeZone);
    }

    [Fact]
    public void Nul_byte_is_reported_as_binary()
    {
        var error = Assert.Single(ConfigLoader.LoadText("cluster:\n  domain: a\0b\n").Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains("NUL byte", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_reported_not_a_crash()
    {
        var deep = "cluster: " + new string('[', 5000) + new string(']', 5000) + "\n";
        var errors = ConfigLoader.LoadText(deep).Errors;
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.True(e.Line > 0));
    }

    [Fact]
    public void Missing_file_is_reported_by_name()
    {
        var error = Assert.Single(ConfigLoader.LoadFile("/nonexistent/common.yaml").Errors);
        Assert.Contains("'/nonexistent/common.yaml' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_file_is_refused_before_parsing()
    {
        var error = Assert.Single(ConfigLoader.LoadText("# " + new string('x', 1_100_000) + "\n").Errors);
        Assert.Contains("at most", error.Message, StringComparison.Ordinal);
    }
}
