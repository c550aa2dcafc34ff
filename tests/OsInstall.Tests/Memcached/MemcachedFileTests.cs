using OsInstall.Common.Config;
using OsInstall.Components;
using OsInstall.Components.Memcached;
using OsInstall.Tests.Prepare;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Memcached;

/// <summary>/etc/conf.d/memcached as the example cluster renders it: shell that OpenRC sources.</summary>
public sealed class MemcachedFileTests
{
    [Fact]
    public async Task The_conf_d_passes_shellcheck_and_carries_the_configured_settings()
    {
        var config = ConfigLoader.LoadFile(RepoPaths.ExampleConfig).Config!;
        var conf = MemcachedInstaller.RenderConf(ComponentCatalog.Templates, MemcachedSettings.From(config));
        var (code, findings) = await ShellCheck.RunAsync(conf, "sh", "SC2034");
        Assert.True(code == 0, findings + "\n" + conf);
        Assert.Contains("\nLISTENON=\"0.0.0.0\"\n", conf, StringComparison.Ordinal);
        Assert.Contains($"\nMEMUSAGE=\"{config.Openstack.MemcachedMemoryMb}\"\n", conf, StringComparison.Ordinal);
        Assert.Contains($"\nMAXCONN=\"{config.Openstack.MemcachedMaxConnections}\"\n", conf, StringComparison.Ordinal);
        Assert.Contains("\nPORT=\"11211\"\n", conf, StringComparison.Ordinal);
        Assert.Contains("\nUDPPORT=\"0\"\n", conf, StringComparison.Ordinal);
    }

    [Fact]
    public void The_stats_parser_wants_a_pid_line()
    {
        Assert.Equal(42, MemcachedStats.Pid("STAT pid 42\r\nSTAT uptime 3\r\nEND\r\n"));
        Assert.Null(MemcachedStats.Pid("ERROR\r\n"));
        Assert.Null(MemcachedStats.Pid(""));
        Assert.Null(MemcachedStats.Pid("STAT pid x\r\n"));
    }
}
