using System.Text;
using OsInstall.Common.Config;
using OsInstall.Common.Config.Rules;
using OsInstall.Common.Shell;
using OsInstall.Common.Templates;

namespace OsInstall.Components.Pxe;

/// <summary>
/// Renders the network-boot directory: dnsmasq's configuration, the iPXE boot script, the
/// setup-alpine answers and the apkovl that runs the unattended install.
/// </summary>
public static class PxeFiles
{
    private const string Templates = "Pxe/templates/";
    private const UnixFileMode Executable = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Readable = (UnixFileMode)0b110_100_100;

    /// <param name="servedDir">The absolute directory dnsmasq serves over TFTP (where these files will live).</param>
    /// <param name="rootPublicKey">OpenSSH public key(s) for root on the installed nodes; null: none (a warning for the operator).</param>
    public static IReadOnlyList<PxeFile> Render(ClusterConfig config, TemplateRenderer templates, string servedDir, string? rootPublicKey)
    {
        var layout = PxeLayout.For(config);
        var files = new List<PxeFile>
        {
            Text(PxeLayout.DnsmasqConf, Dnsmasq(config, templates, layout, servedDir), "dnsmasq: DHCP with the iPXE chain, TFTP"),
            Text(PxeLayout.BootScript, BootScript(config, templates, layout), $"iPXE script: Alpine {layout.Release} {layout.Arch} from {layout.Mirror}"),
            Text(PxeLayout.Answers, Answers(config, templates, layout, rootPublicKey is not null), "setup-alpine answers (fetched over HTTP)"),
            new(PxeLayout.Overlay, Overlay(config, templates, layout), "apkovl: runs setup-alpine unattended (fetched over HTTP)"),
        };
        if (rootPublicKey is not null)
        {
            files.Add(Text(PxeLayout.AuthorizedKeys, rootPublicKey.TrimEnd() + "\n", "root's SSH key on the installed nodes (fetched over HTTP)"));
        }
        return files;
    }

    public static string Dnsmasq(ClusterConfig config, TemplateRenderer templates, PxeLayout layout, string servedDir)
    {
        var compute = Ipv4Network.Parse(config.Networks.Compute.Cidr, out var problem)
            ?? throw new InvalidOperationException($"networks.compute.cidr: {problem}");
        var model = new DnsmasqModel(
            Interface: config.Ipxe.Interface,
            Server: layout.Server,
            TftpRoot: servedDir,
            Network: compute.Address.ToString(),
            Netmask: new Ipv4Address(compute.Mask).ToString(),
            RangeStart: Blank(config.Ipxe.DhcpRangeStart),
            RangeEnd: Blank(config.Ipxe.DhcpRangeEnd),
            Router: config.Networks.Compute.DefaultGateway,
            DnsServers: DnsServers(config),
            Domain: config.Cluster.Domain,
            Leases: config.AllHosts.Where(h => h.Mac is not null).Select(h => new StaticLease(h.Mac!.ToLowerInvariant(), h.Address, h.Name)).ToList(),
            BootScript: PxeLayout.BootScript,
            BiosLoader: PxeLayout.BiosLoader,
            EfiLoader: PxeLayout.EfiLoader);
        return Render(templates, "dnsmasq.conf.sbn", model);
    }

    public static string BootScript(ClusterConfig config, TemplateRenderer templates, PxeLayout layout)
    {
        var args = new List<string>
        {
            "initrd=" + layout.InitrdFileName,
            "modules=loop,squashfs",
            "alpine_repo=" + layout.Repositories[0],
            "modloop=" + layout.ModloopUrl,
            "ip=dhcp",
            "apkovl=" + layout.HttpUrl(PxeLayout.Overlay),
            // iPXE fills in the name the node's DHCP lease gave it (empty without a static lease).
            "osinstall_hostname=${hostname}",
        };
        args.AddRange(config.Ipxe.Consoles.Select(c => "console=" + c));
        var model = new BootScriptModel(layout.Release, layout.Arch, layout.Mirror, layout.KernelUrl, layout.InitrdUrl,
            string.Join(' ', args), config.Ipxe.BootUrl);
        return Render(templates, "boot.ipxe.sbn", model);
    }

    public static string Answers(ClusterConfig config, TemplateRenderer templates, PxeLayout layout, bool withRootKey)
    {
        var dns = string.Join(' ', new[] { "-d", config.Cluster.Domain }.Concat(DnsServers(config)));
        var model = new AnswersModel(
            Interfaces: Sh.Quote(Interfaces(config, templates)),
            DnsOpts: Sh.Quote(dns),
            TimeZone: Sh.Quote(config.Cluster.TimeZone),
            Repositories: Sh.Quote(string.Join(' ', layout.Repositories)),
            RootSshKey: Sh.Quote(layout.HttpUrl(PxeLayout.AuthorizedKeys)),
            HasRootSshKey: withRootKey,
            DiskOpts: Sh.Quote("-m sys " + config.Ipxe.InstallDisk));
        return Render(templates, "answers.sbn", model);
    }

    public static string SetupScript(ClusterConfig config, TemplateRenderer templates, PxeLayout layout)
    {
        var model = new SetupScriptModel(
            AnswersUrl: Sh.Quote(layout.HttpUrl(PxeLayout.Answers)),
            Disk: Sh.Quote(config.Ipxe.InstallDisk),
            Interface: Sh.Quote(config.Networks.Compute.Interface),
            Nodes: config.AllHosts.Select(h => new NodeAddress(h.Address, Sh.Quote(h.Name))).ToList());
        return Render(templates, "setup.start.sbn", model);
    }

    private static byte[] Overlay(ClusterConfig config, TemplateRenderer templates, PxeLayout layout) =>
        ApkOverlay.Build(
        [
            new ApkOverlay.Entry("etc/apk/world", "alpine-base\n", Readable),
            new ApkOverlay.Entry("etc/network/interfaces", Interfaces(config, templates), Readable),
            new ApkOverlay.Entry("etc/local.d/osinstall-setup.start", SetupScript(config, templates, layout), Executable),
        ]);

    private static string Interfaces(ClusterConfig config, TemplateRenderer templates) =>
        Render(templates, "interfaces.sbn", new InterfacesModel(config.Networks.Compute.Interface));

    /// <summary>During the install the cluster's own DNS may not run yet: the upstream forwarders first, else the controllers.</summary>
    private static List<string> DnsServers(ClusterConfig config) =>
        config.Dns.Forwarders.Count > 0 ? [.. config.Dns.Forwarders] : config.Controllers.Select(c => c.Address).ToList();

    private static string? Blank(string value) => string.IsNullOrEmpty(value) ? null : value;

    private static PxeFile Text(string name, string content, string purpose) => new(name, Encoding.UTF8.GetBytes(content), purpose);

    private static string Render(TemplateRenderer templates, string file, object model) =>
        templates.Render(Templates + file, new Dictionary<string, object?>(StringComparer.Ordinal) { ["m"] = model });
}
