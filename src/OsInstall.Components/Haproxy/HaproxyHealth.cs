using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Common.Shell;

namespace OsInstall.Components.Haproxy;

/// <summary>
/// Health of the set: on every member haproxy accepts its config and runs and keepalived runs; and
/// exactly one member holds the VIP on its keepalived interface (none: the API endpoint is down;
/// two: a split brain).
/// </summary>
internal static class HaproxyHealth
{
    public static async Task<HealthReport> CheckAsync(ComponentContext ctx, CancellationToken ct)
    {
        var lxc = ContainerPlatforms.For(ctx).Lxc;
        var members = ContainerSet.Members(ctx.Config, ClusterEndpoints.HaproxySet);
        var vip = ctx.Config.Vips.Haproxy;
        var checks = new List<HealthCheck>();
        var holders = new List<string>();
        foreach (var m in members)
        {
            var target = new ContainerTarget(await ctx.TargetAsync(m.Host, ct).ConfigureAwait(false), m.Container, lxc);
            var valid = await target.RunAsync(Sh.Join("haproxy", "-c", "-q", "-f", HaproxySettings.ConfPath), ct).ConfigureAwait(false);
            checks.Add(new HealthCheck(m.Host, $"{m.Container}: haproxy.cfg valid", valid.Succeeded, LastLine(valid.StdErr + valid.StdOut)));
            foreach (var service in new[] { HaproxyInstaller.Haproxy, HaproxyInstaller.KeepalivedService })
            {
                var status = await target.RunAsync(service.Status, ct).ConfigureAwait(false);
                checks.Add(new HealthCheck(m.Host, $"{m.Container}: {service.Name} running", status.Succeeded, LastLine(status.StdOut + status.StdErr)));
            }
            var addresses = await target.RunAsync(HaproxyInstaller.VipQuery(ctx.Config), ct).ConfigureAwait(false);
            if (addresses.Succeeded && HoldsVip(addresses.StdOut, vip))
            {
                holders.Add(m.Container);
            }
        }
        checks.Add(new HealthCheck(members[0].Host, $"VIP {vip} held by exactly one member", holders.Count == 1,
            holders.Count == 0 ? "no member holds it" : string.Join(", ", holders)));
        return HealthReport.From(checks);
    }

    /// <summary>Whether `ip addr show` output lists <paramref name="vip"/> as an address ("inet VIP/len").</summary>
    public static bool HoldsVip(string ipAddrOutput, string vip) =>
        ipAddrOutput.Split('\n').Any(l => l.TrimStart().StartsWith($"inet {vip}/", StringComparison.Ordinal));

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}
