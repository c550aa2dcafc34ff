using OsInstall.Tests.TestSupport;
using Xunit;

namespace OsInstall.Tests.Ovn;

/// <summary>osinstall node's help and dns sync's registration (node add/remove itself: Compute/NodeCommandTests).</summary>
public sealed class NodeCommandTests
{
    [Fact]
    public async Task Node_help_says_the_compute_component_is_installed_and_dns_sync_is_registered()
    {
        // node add/remove on the simulated cluster (config, zones, the compute component on the node): tests/OsInstall.Tests/Compute/NodeCommandTests.
        var help = await CliRun.RunAsync("node", "add", "--help");
        Assert.Contains("install the compute component on that node only", help.Output, StringComparison.Ordinal);
        var dns = await CliRun.RunAsync("dns", "sync", "--help");
        Assert.Contains("--dry-run", dns.Output, StringComparison.Ordinal);
    }
}
