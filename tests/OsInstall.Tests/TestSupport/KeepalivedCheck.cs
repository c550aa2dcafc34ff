using OsInstall.Tests.Rsyslog;

namespace OsInstall.Tests.TestSupport;

/// <summary>
/// keepalived -t on a rendered keepalived.conf (Debian's keepalived, tests/packages.d/haproxy.txt).
/// keepalived refuses a config whose interface does not exist, so the check runs in a network
/// namespace of its own (unshare -n) where that interface is created as a dummy first.
/// </summary>
public static class KeepalivedCheck
{
    public static async Task<(bool Ok, string Output)> RunAsync(string conf, string iface, CancellationToken ct = default)
    {
        var keepalived = ExternalTool.Require("keepalived");
        var ip = ExternalTool.Require("ip");
        var file = Path.Combine(Path.GetTempPath(), $"osinstall-keepalived-{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(file, conf, ct);
        try
        {
            var result = await ExternalTool.RunAsync("unshare",
                ["-n", "sh", "-c", "\"$1\" link add \"$2\" type dummy && exec \"$3\" -t -l -f \"$4\"", "check", ip, iface, keepalived, file], ct);
            return (result.Succeeded, result.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
