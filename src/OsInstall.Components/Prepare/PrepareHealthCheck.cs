using System.Text.RegularExpressions;
using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Components.Prepare;

/// <summary>Per controller: its name in /etc/hosts, the route and Ceph config in place, the client callable, the other controllers answering.</summary>
internal static class PrepareHealthCheck
{
    public static async Task<HealthReport> RunAsync(ComponentContext ctx, CancellationToken ct)
    {
        var checks = new List<HealthCheck>();
        foreach (var host in ControllerSet.All(ctx.Config))
        {
            var target = await ctx.TargetAsync(host, ct);
            checks.AddRange(await CheckHostAsync(ctx, target, ct));
        }
        return HealthReport.From(checks);
    }

    private static async Task<List<HealthCheck>> CheckHostAsync(ComponentContext ctx, ITarget target, CancellationToken ct)
    {
        var host = target.Name;
        var fqdn = ctx.Config.Fqdn(host);
        var hosts = await target.ReadFileAsync(PreparePaths.Hosts, ct) ?? "";
        var named = Regex.IsMatch(hosts, $@"(^|\s){Regex.Escape(fqdn)}(\s|$)", RegexOptions.Multiline);
        var checks = new List<HealthCheck>
        {
            new(host, "hosts", named, named ? $"{fqdn} in {PreparePaths.Hosts}" : $"{fqdn} missing from {PreparePaths.Hosts}"),
            await FileCheckAsync(target, "route", PreparePaths.RouteConf, ct),
            await FileCheckAsync(target, "ceph.conf", ctx.Config.Ceph.ConfPath, ct),
        };
        var client = await target.RunAsync("command -v openstack", ct);
        checks.Add(new(host, "openstack-client", client.Succeeded,
            client.Succeeded ? client.StdOut.Trim() : "openstack is not on PATH"));
        foreach (var peer in ctx.Config.Controllers.Where(c => c.Name != host))
        {
            var ping = await target.RunAsync(Sh.Join("ping", "-c", "1", "-W", "3", peer.Address), ct);
            checks.Add(new(host, $"reaches {peer.Name}", ping.Succeeded,
                ping.Succeeded ? $"{peer.Address} answers" : $"{peer.Address} does not answer ping"));
        }
        return checks;
    }

    private static async Task<HealthCheck> FileCheckAsync(ITarget target, string check, string path, CancellationToken ct)
    {
        var exists = await target.ExistsAsync(path, ct);
        return new HealthCheck(target.Name, check, exists, exists ? $"{path} present" : $"{path} missing");
    }
}
