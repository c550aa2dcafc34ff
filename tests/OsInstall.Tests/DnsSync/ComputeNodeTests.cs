using OsInstall.Common.Config;
using OsInstall.Common.Dns;
using OsInstall.Tests.Bind;
using OsInstall.Tests.TestSupport;
using Xunit;

namespace OsInstall.Tests.DnsSync;

/// <summary>node add/remove: the config file keeps its comments and stays valid, and real named answers for the node.</summary>
[Collection(OvnNamedCollection.Name)]
public sealed class ComputeNodeTests(NamedClusterFixture named) : IDisposable
{
    private readonly TempDir dir = new("osinstall-nodes");

    private string CopyConfig()
    {
        var path = dir.File("common.yaml");
        File.Copy(RepoPaths.ExampleConfig, path);
        return path;
    }

    private ComputeNodes Nodes(string path) => new(path, _ => named.Records);

    [Fact]
    public async Task Add_appends_the_node_keeps_comments_and_dig_answers_A_and_PTR()
    {
        var path = CopyConfig();
        var before = await File.ReadAllTextAsync(path);

        var result = await Nodes(path).AddAsync("o3p-os-compute-3", "10.1.1.6");

        Assert.True(result.ConfigChanged);
        var after = await File.ReadAllTextAsync(path);
        var config = ConfigLoader.LoadText(after).Config!;
        Assert.Equal(["o3p-os-compute-1", "o3p-os-compute-2", "o3p-os-compute-3"], config.ComputeNodes.Select(n => n.Name));
        Assert.Equal("10.1.1.6", config.ComputeNodes[2].Address);
        foreach (var comment in before.Split('\n').Where(l => l.TrimStart().StartsWith('#')))
        {
            Assert.Contains(comment, after, StringComparison.Ordinal);
        }
        Assert.Equal(before.Split('\n').Length + 2, after.Split('\n').Length);
        Assert.Equal("10.1.1.6", await named.Dig(named.Primary, "o3p-os-compute-3.oppp.lab", "A"));
        Assert.Equal("o3p-os-compute-3.oppp.lab.", await named.Dig(named.Primary, "-x", "10.1.1.6"));

        var again = await Nodes(path).AddAsync("o3p-os-compute-3", "10.1.1.6");
        Assert.False(again.ConfigChanged);
        Assert.False(again.DnsChanged);

        var removed = await Nodes(path).RemoveAsync("o3p-os-compute-3");
        Assert.True(removed.ConfigChanged);
        Assert.Equal(before, await File.ReadAllTextAsync(path));
        Assert.Equal("NXDOMAIN", await named.Status(named.Primary, "o3p-os-compute-3.oppp.lab", "A"));
        Assert.Equal("NXDOMAIN", await named.Status(named.Primary, "-x", "10.1.1.6"));
    }

    [Fact]
    public async Task An_address_outside_the_compute_network_is_refused_and_nothing_is_written()
    {
        var path = CopyConfig();
        var before = await File.ReadAllTextAsync(path);

        var ex = await Assert.ThrowsAsync<ConfigInvalidException>(() => Nodes(path).AddAsync("o3p-os-compute-9", "not-an-address"));

        Assert.NotEmpty(ex.Errors);
        Assert.Equal(before, await File.ReadAllTextAsync(path));
        Assert.Equal("NXDOMAIN", await named.Status(named.Primary, "o3p-os-compute-9.oppp.lab", "A"));
    }

    [Fact]
    public async Task Removing_a_controller_is_refused()
    {
        var path = CopyConfig();
        await Assert.ThrowsAsync<ComputeNodeRefusedException>(() => Nodes(path).RemoveAsync("o3p-os-controller-2"));
    }

    public void Dispose() => dir.Dispose();
}
