using System.Net;
using OsInstall.Common.Config;

namespace OsInstall.Common.Dns;

/// <summary>
/// The zones the cluster's DNS primary serves: the forward zone of the cluster domain and the
/// reverse zones of the internal (containers) and compute (nodes) networks.
/// </summary>
public sealed record DnsZoneSet(DnsZone Forward, IReadOnlyList<DnsZone> Reverse)
{
    public const string DefaultDataDirectory = "/var/bind";
    public const string ForwardFile = "compute.zone";
    public const string InternalReverseFile = "internal-reverse.zone";
    public const string ComputeReverseFile = "compute-reverse.zone";

    /// <summary>Zone files live in &lt;data dir&gt;/pri, as Alpine's bind package lays it out.</summary>
    public static DnsZoneSet FromConfig(ClusterConfig config, string dataDirectory = DefaultDataDirectory)
    {
        var pri = dataDirectory.TrimEnd('/') + "/pri/";
        var internalNet = config.Networks.Internal.Cidr;
        var computeNet = config.Networks.Compute.Cidr;
        var reverse = new List<DnsZone>
        {
            new(ReverseZone.NameFor(internalNet), pri + InternalReverseFile, internalNet),
            new(ReverseZone.NameFor(computeNet), pri + ComputeReverseFile, computeNet),
        };
        if (reverse[0].Name == reverse[1].Name)
        {
            throw new ArgumentException($"networks.internal ({internalNet}) and networks.compute ({computeNet}) map to the same reverse zone {reverse[0].Name}");
        }
        return new DnsZoneSet(new DnsZone(config.Cluster.Domain.TrimEnd('.'), pri + ForwardFile), reverse);
    }

    public IEnumerable<DnsZone> All => Reverse.Prepend(Forward);

    public string Domain => Forward.Name;

    /// <summary>The zone with this name (with or without trailing dot).</summary>
    public DnsZone Named(string zone) =>
        All.FirstOrDefault(z => ZoneNames.Origin(z.Name) == ZoneNames.Origin(zone))
        ?? throw new ArgumentException($"'{zone}' is not one of the cluster's zones ({string.Join(", ", All.Select(z => z.Name))})", nameof(zone));

    /// <summary>The reverse zone holding an address's PTR (the most specific network when they nest).</summary>
    public DnsZone ReverseFor(IPAddress address) =>
        Reverse.Where(z => ReverseZone.ParseNetwork(z.Cidr!).Contains(address))
            .OrderByDescending(z => ReverseZone.ParseNetwork(z.Cidr!).PrefixLength)
            .FirstOrDefault()
        ?? throw new ArgumentException($"{address} is in none of the reverse zones' networks ({string.Join(", ", Reverse.Select(z => z.Cidr))})", nameof(address));

    /// <summary>A host name as an absolute name in the cluster domain (a name ending in '.' is taken as absolute already).</summary>
    public string Fqdn(string name) => ZoneNames.Absolute(name, Domain);
}
