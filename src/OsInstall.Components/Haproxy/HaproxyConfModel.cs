using System.Text.RegularExpressions;
using OsInstall.Common.Config;
using OsInstall.Common.Engine;

namespace OsInstall.Components.Haproxy;

/// <summary>One "listen" section of haproxy.cfg: a frontend on every member (and so on the VIP) and its servers.</summary>
public sealed record HaproxyProxy(string Name, int Port, string Mode, string? CheckPath, IReadOnlyList<BackendServer> Servers, int? TunnelTimeoutSeconds = null);

/// <summary>A DNS server of the resolvers section (the cluster's bind on the controllers).</summary>
public sealed record HaproxyNameserver(string Name, string Address, int Port);

/// <summary>What haproxy.cfg.sbn renders: the global part from config, the proxies from the installed components' backends.</summary>
public sealed partial record HaproxyConfModel(
    string LogFacility,
    int StatsPort,
    string MonitorUri,
    string RunDirectory,
    IReadOnlyList<HaproxyNameserver> Nameservers,
    IReadOnlyList<HaproxyProxy> Proxies)
{
    /// <summary>
    /// The model for these backends. Refuses what haproxy would reject or misread: names and hosts
    /// outside haproxy's word characters, a check path with spaces or quotes, ports out of range,
    /// two frontends on one name or port (the stats page's port included), a backend without servers.
    /// </summary>
    public static HaproxyConfModel For(ClusterConfig config, IEnumerable<ServiceBackend> backends)
    {
        var proxies = new List<HaproxyProxy>();
        var names = new HashSet<string>(StringComparer.Ordinal) { "stats" };
        var ports = new Dictionary<int, string> { [HaproxySettings.StatsPort] = "stats" };
        foreach (var b in backends)
        {
            Require(Word().IsMatch(b.Name), b.Name, $"'{b.Name}' is not a haproxy proxy name");
            Require(names.Add(b.Name), b.Name, $"two backends are named '{b.Name}'");
            Require(b.Port is > 0 and < 65536, b.Name, $"port {b.Port} is out of range");
            Require(ports.TryAdd(b.Port, b.Name), b.Name, $"port {b.Port} is taken by '{ports.GetValueOrDefault(b.Port)}'");
            Require(b.CheckPath is null || CheckPath().IsMatch(b.CheckPath), b.Name, $"check path '{b.CheckPath}' is not a plain absolute path");
            Require(b.Servers.Count > 0, b.Name, "no servers");
            Require(b.Mode != BackendMode.Tcp || b.CheckPath is null, b.Name, "a TCP backend cannot have an HTTP check path");
            var serverNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var s in b.Servers)
            {
                Require(Word().IsMatch(s.Name) && serverNames.Add(s.Name), b.Name, $"server name '{s.Name}' is invalid or repeated");
                Require(HostName().IsMatch(s.Address), b.Name, $"server address '{s.Address}' is not a host name or address");
                Require(s.Port is > 0 and < 65536, b.Name, $"server port {s.Port} is out of range");
            }
            proxies.Add(new HaproxyProxy(b.Name, b.Port, b.Mode == BackendMode.Tcp ? "tcp" : "http", b.CheckPath, b.Servers,
                b.TunnelTimeout is { } t ? (int)Math.Ceiling(t.TotalSeconds) : null));
        }
        // bind serves the zones on every controller: haproxy re-resolves the containers' names there.
        var nameservers = config.Controllers.Select((c, i) => new HaproxyNameserver($"bind-{i + 1}", c.Address, config.Dns.Port)).ToList();
        return new HaproxyConfModel(HaproxySettings.LogFacility, HaproxySettings.StatsPort, HaproxySettings.MonitorUri,
            HaproxySettings.RunDirectory, nameservers, proxies);
    }

    private static void Require(bool ok, string backend, string problem)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"haproxy backend '{backend}': {problem}");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex Word();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.-]*$")]
    private static partial Regex HostName();

    [GeneratedRegex("^/[A-Za-z0-9._~/?&=%-]*$")]
    private static partial Regex CheckPath();
}
