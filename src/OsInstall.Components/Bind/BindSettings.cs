using System.Globalization;
using OsInstall.Common.Config;
using OsInstall.Common.Dns;
using OsInstall.Common.Targets;

namespace OsInstall.Components.Bind;

/// <summary>The named servers of the cluster (the first is the primary) and what they share.</summary>
public sealed record BindSettings(IReadOnlyList<NamedServer> Servers)
{
    public const int DefaultRndcPort = 953;

    public string TransferKeyName { get; init; } = "osinstall-transfer";

    public string RndcKeyName { get; init; } = "rndc-key";

    /// <summary>As the original: validate DNSSEC of forwarded answers.</summary>
    public string DnssecValidation { get; init; } = "auto";

    public string ResolvConfPath { get; init; } = "/etc/resolv.conf";

    /// <summary>The group named runs as: it reads the keys and zones through it (Alpine: named; Debian, where tests run: bind).</summary>
    public string FileGroup { get; init; } = "named";

    /// <summary>named.conf and zone files hold no secret; named must read them.</summary>
    public FileSpec ReadableSpec => new("0644", "root", FileGroup);

    /// <summary>Key files: named reads them through its group, nobody else at all.</summary>
    public FileSpec KeySpec => new("0640", "root", FileGroup);

    public NamedServer Primary => Servers[0];

    public IEnumerable<NamedServer> Secondaries => Servers.Skip(1);

    /// <summary>Every controller runs named on its address and loopback, port dns.port; controller-1 is the primary.</summary>
    public static BindSettings FromConfig(ClusterConfig config) =>
        new(config.Controllers
            .Select(c => new NamedServer(c.Name, c.Address, config.Dns.Port, DefaultRndcPort, ["127.0.0.1", c.Address]))
            .ToList());

    public NamedServer Server(string host) =>
        Servers.FirstOrDefault(s => s.Host == host) ?? throw new ArgumentException($"{host} runs no named", nameof(host));

    /// <summary>The primary's zones, under its data directory.</summary>
    public DnsZoneSet Zones(ClusterConfig config) => DnsZoneSet.FromConfig(config, Primary.DataDir);

    /// <summary>rndc aimed explicitly at this server's control channel and key, so it works with moved ports too.</summary>
    public IReadOnlyList<string> Rndc(NamedServer server) =>
        ["rndc", "-k", server.RndcKeyPath, "-s", "127.0.0.1", "-p", server.RndcPort.ToString(CultureInfo.InvariantCulture)];
}
