using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Bind;

/// <summary>Starts one named in the foreground for this test run.</summary>
internal static class NamedProcess
{
    // -g: foreground, log to stderr; -n 1: one worker, the machine is shared.
    public static ForegroundProcess Start(string confPath) =>
        ForegroundProcess.Start(Tool.Require("/usr/sbin/named"), "-g", "-n", "1", "-c", confPath);
}
