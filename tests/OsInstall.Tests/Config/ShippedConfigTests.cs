using OsInstall.Common.Config;
using Xunit;

namespace OsInstall.Tests.Config;

public sealed class ShippedConfigTests
{
    [Fact]
    public void Shipped_common_yaml_validates_with_zero_errors()
    {
        var result = ConfigLoader.LoadFile(RepoPaths.ShippedConfig);
        Assert.Empty(result.Errors);
        Assert.True(result.Ok);
        Assert.Equal(3, result.Config!.Controllers.Count);
        Assert.Equal("10.1.1.2", result.Config.Controllers[1].Address);
        Assert.Equal("oppp.lab", result.Config.Cluster.Domain);
        Assert.Equal("3.22", result.Config.Lxc.Release);
        Assert.Equal("2G", result.Config.Lxc.RootfsSizes["postgres"]);
        Assert.Null(result.Config.Vips.HaproxyProxy);
    }

    [Fact]
    public void Typo_bad_cidr_and_duplicate_address_yield_three_errors_in_one_run()
    {
        var yaml = ShippedConfig.Text
            .Replace("  region: RegionOne", "  regoin: RegionOne", StringComparison.Ordinal)
            .Replace("cidr: 10.0.0.0/24", "cidr: 10.0.0.0/33", StringComparison.Ordinal)
            .Replace("address: 10.1.1.5", "address: 10.1.1.4", StringComparison.Ordinal);
        var result = ConfigLoader.LoadText(yaml);
        Assert.Null(result.Config);
        Assert.Equal(3, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.Path == "cluster.regoin" && e.Message.Contains("did you mean 'region'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Path == "networks.internal.cidr" && e.Message.Contains("prefix length", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Path == "compute_nodes[1].address" && e.Message.Contains("duplicate address 10.1.1.4", StringComparison.Ordinal));
        Assert.All(result.Errors, e => Assert.True(e.Line > 0));
    }

    [Fact]
    public void Typo_in_a_required_key_is_one_error_not_two()
    {
        var errors = ShippedConfig.LoadEdited("  domain: oppp.lab", "  domian: oppp.lab").Errors;
        var error = Assert.Single(errors);
        Assert.Equal("cluster.domian", error.Path);
        Assert.Contains("did you mean 'domain'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BindText_returns_the_config_with_hostile_values_for_rendering_tests()
    {
        var (yaml, _) = ShippedConfig.Edit("  demo_project: o3p-project", "  demo_project: \"a'b\\\"$(id);|&<>`x`\"");
        var hostile = yaml.Replace("  rbd_pool: myshareddata", "  rbd_pool: \"p; rm -rf /\"", StringComparison.Ordinal);
        Assert.NotEmpty(ConfigLoader.LoadText(hostile).Errors);
        var bound = ConfigLoader.BindText(hostile);
        Assert.Empty(bound.Errors);
        Assert.Equal("a'b\"$(id);|&<>`x`", bound.Config!.Openstack.DemoProject);
        Assert.Equal("p; rm -rf /", bound.Config.Ceph.RbdPool);
    }

    [Fact]
    public void Validator_runs_on_a_config_built_in_code_without_locations()
    {
        var config = ConfigLoader.LoadFile(RepoPaths.ShippedConfig).Config!;
        config.Vips.Haproxy = "10.0.0.1";
        var error = Assert.Single(ConfigValidator.Validate(config));
        Assert.Equal("vips.haproxy", error.Path);
        Assert.Equal(0, error.Line);
        Assert.Contains("VIP collision", error.Message, StringComparison.Ordinal);
    }
}
