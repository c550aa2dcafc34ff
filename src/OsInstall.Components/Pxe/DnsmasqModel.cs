namespace OsInstall.Components.Pxe;

/// <summary>The values of dnsmasq.conf.sbn.</summary>
public sealed record DnsmasqModel(
    string Interface,
    string Server,
    string TftpRoot,
    string Network,
    string Netmask,
    string? RangeStart,
    string? RangeEnd,
    string Router,
    IReadOnlyList<string> DnsServers,
    string Domain,
    IReadOnlyList<StaticLease> Leases,
    string BootScript,
    string BiosLoader,
    string EfiLoader);

/// <summary>A node's static DHCP lease: its MAC gets its configured address and name.</summary>
public sealed record StaticLease(string Mac, string Address, string Name);
