using OsInstall.Tests.Bind;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.OpenStack;

/// <summary>
/// The real readers of a service's privilege files: oslo.rootwrap's own config class for
/// rootwrap.conf, visudo for the sudoers rule (cinder, neutron).
/// </summary>
internal static class RootwrapChecks
{
    /// <summary>What oslo.rootwrap reads from <paramref name="content"/>.</summary>
    public sealed record RootwrapSettings(string FiltersPath, string ExecDirs, bool UseSyslog, int SyslogLevel, int DaemonTimeout, int RlimitNofile);

    private const string Reader = """
        import configparser, sys
        from oslo_rootwrap import wrapper
        parser = configparser.RawConfigParser()
        parser.read(sys.argv[1])
        conf = wrapper.RootwrapConfig(parser)
        print(",".join(conf.filters_path))
        print(",".join(conf.exec_dirs))
        print(conf.use_syslog, conf.syslog_log_level, conf.daemon_timeout, conf.rlimit_nofile)
        """;

    public static async Task<RootwrapSettings> ReadRootwrapConfAsync(string content)
    {
        using var dir = new TempDir("osinstall-rootwrap");
        var path = dir.File("rootwrap.conf");
        await File.WriteAllTextAsync(path, content);

        var (exit, output) = await Python.RunAsync("-c", Reader, path);

        Assert.True(exit == 0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var last = lines[^1].Split(' ');
        return new RootwrapSettings(lines[^3], lines[^2], bool.Parse(last[0]),
            int.Parse(last[1], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(last[2], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(last[3], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>visudo -c on <paramref name="sudoers"/> as a file of its own: its exit code and output.</summary>
    public static async Task<(int Exit, string Output)> VisudoAsync(string sudoers)
    {
        using var dir = new TempDir("osinstall-sudoers");
        var path = dir.File("sudoers");
        await File.WriteAllTextAsync(path, sudoers);
        return await Tool.RunAsync(Tool.Require("/usr/sbin/visudo"), "-c", "-f", path);
    }
}
