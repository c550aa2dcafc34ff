using System.Globalization;
using OsInstall.Common.Shell;

namespace OsInstall.Components.Memcached;

/// <summary>
/// The health check: one stats round trip over memcached's text protocol, sent by busybox nc (what
/// an Alpine container has). The command and its parsing are used as they are against a real
/// memcached in the tests.
/// </summary>
public static class MemcachedStats
{
    /// <summary>Seconds nc waits to connect and for the answer.</summary>
    public const int TimeoutSeconds = 5;

    /// <summary>Sends "stats" then "quit" (memcached closes the connection, which ends nc) and prints the answer.</summary>
    public static string Command(string host, int port) =>
        $"printf 'stats\\r\\nquit\\r\\n' | {Sh.Join("nc", "-w", TimeoutSeconds.ToString(CultureInfo.InvariantCulture), host, port.ToString(CultureInfo.InvariantCulture))}";

    /// <summary>The server's pid from a stats answer ("STAT pid 123"), or null when the answer has none.</summary>
    public static int? Pid(string answer)
    {
        foreach (var raw in answer.Split('\n'))
        {
            var words = raw.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words is ["STAT", "pid", var pid] && int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                return n;
            }
        }
        return null;
    }
}
