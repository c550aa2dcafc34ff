using OsInstall.Common.Dns;
using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;
using OsInstall.Components.Prepare;

namespace OsInstall.Components.Compute;

/// <summary>
/// What the cluster knows of a node, kept from controller-1: its A and PTR records on the DNS
/// primary (the nodes' records edited together, <see cref="NodeDnsBatches"/>), and on uninstall
/// its nova-compute service and placement resource provider (removed
/// with the openstack client, after nova-compute stopped, so it cannot register again).
/// </summary>
internal static class NodeRegistration
{
    public static async Task AddDnsAsync(StepContext s)
    {
        var node = s.Config.ComputeNodes.First(n => n.Name == s.Target.Name);
        if (s.Component.DryRun)
        {
            s.Component.Log.Information("[{Host}] DNS: would set A {Name} {Address} and its PTR on {Primary}", s.Target.Name, node.Name, node.Address, s.Config.FirstController.Name);
            return;
        }
        var dns = await PrimaryAsync(s);
        await NodeDnsBatches.For(s.Component).ApplyAsync(dns, DnsChange.SetHost(node.Name, node.Address));
    }

    public static async Task RemoveDnsAsync(StepContext s)
    {
        if (s.Component.DryRun)
        {
            s.Component.Log.Information("[{Host}] DNS: would delete A and PTR of {Name}", s.Target.Name, s.Target.Name);
            return;
        }
        var dns = await PrimaryAsync(s);
        await NodeDnsBatches.For(s.Component).ApplyAsync(dns, DnsChange.DeleteHost(s.Target.Name));
    }

    /// <summary>The node's nova-compute services and resource providers (by its name or FQDN), deleted on controller-1.</summary>
    public static async Task UnregisterAsync(StepContext s)
    {
        var name = s.Target.Name;
        var fqdn = s.Config.Fqdn(name);
        var first = await s.Component.TargetAsync(s.Config.FirstController.Name, s.Cancellation);
        var services = await OpenStackAsync(s, first, ["compute", "service", "list", "--service", "nova-compute", "--host", name, "-f", "value", "-c", "ID", "-c", "Host"]);
        foreach (var id in Rows(services).Where(r => r.Length >= 2 && (r[1] == name || r[1] == fqdn)).Select(r => r[0]).Distinct(StringComparer.Ordinal))
        {
            await OpenStackAsync(s, first, ["compute", "service", "delete", id]);
        }
        var providers = await OpenStackAsync(s, first, ["resource", "provider", "list", "-f", "value", "-c", "uuid", "-c", "name"]);
        foreach (var uuid in Rows(providers).Where(r => r.Length >= 2 && (r[1] == name || r[1] == fqdn)).Select(r => r[0]).Distinct(StringComparer.Ordinal))
        {
            await OpenStackAsync(s, first, ["resource", "provider", "delete", uuid]);
        }
    }

    /// <summary>Rows of "-f value" output: words separated by blanks.</summary>
    public static IReadOnlyList<string[]> Rows(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();

    private static async Task<string> OpenStackAsync(StepContext s, ITarget first, string[] args)
    {
        var result = await first.RunCheckedAsync($". {Sh.Quote(PreparePaths.AdminOpenrc)} && {Sh.Join(["openstack", .. args])}", s.Cancellation);
        return result.StdOut;
    }

    private static async Task<DnsRecordService> PrimaryAsync(StepContext s)
    {
        var primary = await s.Component.TargetAsync(s.Config.FirstController.Name, s.Cancellation);
        return DnsRecordService.ForConfig(primary, s.Config);
    }
}
