using OsInstall.Common.Config;
using OsInstall.Common.Dns;
using OsInstall.Common.Engine;

namespace OsInstall.Components.Bind;

/// <summary>Renders every file the bind component writes, from the config, the secrets and the settings.</summary>
internal static class BindFiles
{
    public const string TransferSecret = "bind_tsig_key";
    public const string RndcSecret = "bind_rndc_key";

    private const string Templates = "Bind/templates/";

    public static string NamedConf(ComponentContext ctx, BindSettings settings, NamedServer server)
    {
        var config = ctx.Config;
        var primary = server == settings.Primary;
        var zones = settings.Zones(config).All
            .Select(z => new NamedZoneEntry(z.Name, (primary ? "pri/" : "sec/") + Path.GetFileName(z.FilePath)))
            .ToList();
        var model = new NamedConfModel(
            Primary: primary,
            ConfDir: server.ConfDir,
            DataDir: server.DataDir,
            RunDir: server.RunDir,
            Port: server.Port,
            ListenAddresses: server.ListenAddresses.Distinct(StringComparer.Ordinal).ToList(),
            AclNetworks: new[] { "127.0.0.0/8", config.Networks.Internal.Cidr, config.Networks.Compute.Cidr }.Distinct(StringComparer.Ordinal).ToList(),
            Forwarders: config.Dns.Forwarders,
            DnssecValidation: settings.DnssecValidation,
            RndcPort: server.RndcPort,
            RndcKeyName: settings.RndcKeyName,
            TransferKeyName: settings.TransferKeyName,
            PrimaryEndpoint: new NamedEndpoint(settings.Primary.Address, settings.Primary.Port),
            NotifyTargets: settings.Secondaries.Select(s => new NamedEndpoint(s.Address, s.Port)).ToList(),
            Zones: zones);
        return ctx.Render(Templates + "named.conf.sbn", model);
    }

    public static string RndcKey(ComponentContext ctx, BindSettings settings) =>
        ctx.Render(Templates + "rndc.key.sbn", new KeyModel(settings.RndcKeyName, ctx.Secrets.Get(RndcSecret)));

    public static string TransferKey(ComponentContext ctx, BindSettings settings) =>
        ctx.Render(Templates + "transfer.key.sbn", new KeyModel(settings.TransferKeyName, ctx.Secrets.Get(TransferSecret)));

    /// <summary>A new zone: SOA with today's first serial, NS of every controller (and, forward, their addresses).</summary>
    public static string Zone(ComponentContext ctx, DnsZone zone, TimeProvider clock)
    {
        var config = ctx.Config;
        var domain = ZoneNames.Origin(config.Cluster.Domain);
        var model = new ZoneTemplateModel(
            Zone: zone.Name,
            Ttl: config.Dns.Ttl,
            Serial: ZoneSerial.FirstOf(ZoneSerial.Today(clock)),
            PrimaryNs: NameServers(config)[0].Fqdn,
            Mailbox: "root." + domain,
            NameServers: NameServers(config));
        return ctx.Render(Templates + (zone.IsReverse ? "reverse.zone.sbn" : "compute.zone.sbn"), model);
    }

    public static string ResolvConf(ComponentContext ctx)
    {
        // The resolver reads at most three nameserver lines.
        var servers = ctx.Config.Controllers.Take(3).Select(c => c.Address).ToList();
        return ctx.Render(Templates + "resolv.conf.sbn", new ResolvConfModel(ctx.Config.Cluster.Domain, servers));
    }

    /// <summary>ns, ns-2, ns-3, ... for the controllers in order.</summary>
    public static IReadOnlyList<NameServerEntry> NameServers(ClusterConfig config) =>
        config.Controllers.Select((c, i) =>
        {
            var label = i == 0 ? "ns" : $"ns-{i + 1}";
            return new NameServerEntry(label, ZoneNames.Absolute(label, config.Cluster.Domain), c.Address);
        }).ToList();

    /// <summary>The records the component owns: name servers' A, and A + PTR of every controller and compute node.</summary>
    public static IReadOnlyList<DnsChange> HostRecords(ClusterConfig config) =>
        NameServers(config).Select(ns => DnsChange.SetA(ns.Label, ns.Address))
            .Concat(config.AllHosts.SelectMany(h => DnsChange.SetHost(h.Name, h.Address)))
            .ToList();
}
