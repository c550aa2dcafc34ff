using OsInstall.Tests.OpenStack;

namespace OsInstall.Tests.Nova;

/// <summary>
/// The oslo config checker catches a wrong value in nova's files, control plane and compute node
/// alike (the passing cases are the nova entries of <see cref="RenderedConfigs"/>).
/// </summary>
[Collection(OsloCheckerCollection.Name)]
public sealed class NovaOsloTests
{
    private static string Replace(string text, string line, string replacement)
    {
        Assert.Contains(line + "\n", text, StringComparison.Ordinal);
        return text.Replace(line + "\n", replacement + "\n", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("discover_hosts_in_cells_interval = 300", "discover_hosts_in_cells_interval = often", "INVALID scheduler/discover_hosts_in_cells_interval = often")]
    [InlineData("[vnc]\nenabled = true", "[vnc]\nenabled = sometimes", "INVALID vnc/enabled = sometimes")]
    [InlineData("novncproxy_port = 6080", "novncproxy_port = 70000", "INVALID vnc/novncproxy_port = 70000")]
    [InlineData("backend = oslo_cache.memcache_pool", "backend = oslo_cache.memcache_pol", "INVALID cache/backend = oslo_cache.memcache_pol")]
    [InlineData("service_metadata_proxy = true", "service_metadata_proxy = true\nmetadata_proxy_secret = x", "UNKNOWN neutron/metadata_proxy_secret")]
    // keystoneauth's password plugin needs auth_url once a section names auth_type (and only then)
    [InlineData("[cinder]", "[cinder]\nauth_type = password", "LOAD value required for option auth-url in group [cinder]")]
    public async Task A_wrong_control_plane_value_fails_and_is_named(string line, string replacement, string expected)
    {
        var (exit, output) = await OsloConfigChecker.CheckAsync("nova", Replace(NovaTests.RenderConf(), line, replacement));

        Assert.Equal(1, exit);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_virt_type_on_a_compute_node_fails()
    {
        var conf = NovaTests.RenderComputeNode(Components.Compute.ComputeTemplates.NovaComputeConf, c => c.Openstack.LibvirtType = "kvmm");

        var (exit, output) = await OsloConfigChecker.CheckAsync("nova", conf);

        Assert.Equal(1, exit);
        Assert.Contains("INVALID libvirt/virt_type = kvmm", output, StringComparison.Ordinal);
    }
}
