using System.Net;
using OsInstall.Common.Config;
using OsInstall.Common.Dns;

namespace OsInstall.Common.Ovn;

/// <summary>
/// Makes the forward zone and the internal reverse zone match the ports of the internal OVN
/// switch: a port with an address gets its A and PTR, an internal-network record whose port is
/// gone is removed. Records of controllers, compute nodes, name servers, VIPs and the gateway are
/// never touched, whatever address they have.
/// </summary>
public sealed class DnsSync(OvnNorthbound northbound, DnsRecordService dns, ClusterConfig config)
{
    public async Task<DnsSyncResult> RunAsync(bool dryRun, CancellationToken ct = default)
    {
        var changes = await PlanAsync(ct).ConfigureAwait(false);
        if (dryRun || changes.Count == 0)
        {
            return new DnsSyncResult(changes, false, []);
        }
        var applied = await dns.ApplyAsync(changes, ct).ConfigureAwait(false);
        return new DnsSyncResult(changes, true, applied.ChangedZones);
    }

    /// <summary>The changes that bring the zones in line with the northbound ports, in a stable order.</summary>
    public async Task<IReadOnlyList<DnsChange>> PlanAsync(CancellationToken ct = default)
    {
        var ports = (await northbound.PortsOfSwitchAsync(config.Networks.Internal.Bridge, ct).ConfigureAwait(false))
            .Where(p => p.Type.Length == 0 && p.DynamicAddress is not null)
            .ToDictionary(p => p.Name.ToLowerInvariant(), p => p.DynamicAddress!.Ip, StringComparer.Ordinal);
        var forward = await dns.ReadZoneAsync(dns.Zones.Forward.Name, ct).ConfigureAwait(false);
        var reverseZone = dns.Zones.Reverse.First(z => z.Cidr == config.Networks.Internal.Cidr);
        var reverse = await dns.ReadZoneAsync(reverseZone.Name, ct).ConfigureAwait(false);
        var network = ReverseZone.ParseNetwork(config.Networks.Internal.Cidr);
        var protectedNames = ProtectedNames(forward);
        var protectedAddresses = ProtectedAddresses();

        var changes = new List<DnsChange>();
        foreach (var (name, ip) in ports.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var fqdn = dns.Zones.Fqdn(name);
            var a = forward.Find(fqdn, "A").Select(r => r.Data).ToList();
            var ptrOwner = ReverseZone.PointerName(IPAddress.Parse(ip));
            var ptr = reverse.Find(ptrOwner, "PTR").Select(r => ZoneNames.NormalizeData("PTR", r.Data, reverse.Origin)).ToList();
            var aOk = a.Count == 1 && a[0] == ip;
            var ptrOk = ptr.Count == 1 && ptr[0] == fqdn;
            if (!aOk || !ptrOk)
            {
                changes.AddRange(DnsChange.SetHost(name, ip));
            }
        }

        var stale = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var r in forward.Records.Where(r => r.Type == "A"))
        {
            var name = ZoneNames.Relative(r.Owner, forward.Origin);
            if (!IPAddress.TryParse(r.Data, out var ip) || !network.Contains(ip) || protectedAddresses.Contains(ip.ToString()))
            {
                continue;
            }
            if (!ports.ContainsKey(name) && !protectedNames.Contains(name))
            {
                stale.Add(name);
            }
        }
        foreach (var r in reverse.Records.Where(r => r.Type == "PTR"))
        {
            var target = ZoneNames.NormalizeData("PTR", r.Data, reverse.Origin);
            var name = ZoneNames.Relative(target, forward.Origin);
            if (name.Contains('.', StringComparison.Ordinal) || ports.ContainsKey(name) || protectedNames.Contains(name))
            {
                continue;
            }
            stale.Add(name);
        }
        foreach (var name in stale)
        {
            changes.AddRange(DnsChange.DeleteHost(name));
        }
        return changes;
    }

    private HashSet<string> ProtectedNames(ZoneFile forward)
    {
        var names = new HashSet<string>(config.AllHosts.Select(h => h.Name.ToLowerInvariant()), StringComparer.Ordinal);
        foreach (var ns in forward.Records.Where(r => r.Type == "NS"))
        {
            names.Add(ZoneNames.Relative(ZoneNames.NormalizeData("NS", ns.Data, forward.Origin), forward.Origin));
        }
        return names;
    }

    private HashSet<string> ProtectedAddresses() =>
        new HashSet<string?>([config.Networks.Internal.Gateway, config.Vips.Postgres, config.Vips.Haproxy], StringComparer.Ordinal)
            .Where(a => a is not null && IPAddress.TryParse(a, out _))
            .Select(a => IPAddress.Parse(a!).ToString())
            .ToHashSet(StringComparer.Ordinal);
}
