using OsInstall.Common.Config;
using OsInstall.Common.Containers;

namespace OsInstall.Components.Pxe;

/// <summary>
/// Where a node boots from, derived from the config: the netboot files of the configured Alpine
/// release and architecture on the mirror, the repositories, and controller-1's TFTP and HTTP endpoints.
/// </summary>
public sealed record PxeLayout(
    string Release,
    string Arch,
    string Mirror,
    string NetbootUrl,
    string KernelUrl,
    string InitrdUrl,
    string ModloopUrl,
    IReadOnlyList<string> Repositories,
    string Server,
    string HttpBase)
{
    public const string DnsmasqConf = "dnsmasq.conf";
    public const string BootScript = "boot.ipxe";
    public const string Answers = "answers";
    public const string Overlay = "osinstall.apkovl.tar.gz";
    public const string AuthorizedKeys = "authorized_keys";
    /// <summary>What a booting node fetches over HTTP; the rest of the directory (dnsmasq.conf) is not offered.</summary>
    public static IReadOnlyList<string> HttpFiles { get; } = [BootScript, Answers, Overlay, AuthorizedKeys];

    /// <summary>iPXE binaries the firmware's PXE loads over TFTP; not rendered (Alpine's ipxe package ships them).</summary>
    public const string BiosLoader = "undionly.kpxe";
    public const string EfiLoader = "ipxe.efi";

    // Alpine's long-term-support kernel flavour: the one its netboot directory carries for servers.
    private const string Flavor = "lts";

    public static PxeLayout For(ClusterConfig config)
    {
        var release = config.Lxc.Release;
        var branch = release == "edge" ? "edge" : "v" + release;
        var arch = AlpineArch.FromLxc(config.Lxc.Arch);
        var mirror = config.Ipxe.Mirror.TrimEnd('/');
        var netboot = $"{mirror}/{branch}/releases/{arch}/netboot";
        var server = config.FirstController.Address;
        return new PxeLayout(
            Release: release,
            Arch: arch,
            Mirror: mirror,
            NetbootUrl: netboot,
            KernelUrl: $"{netboot}/vmlinuz-{Flavor}",
            InitrdUrl: $"{netboot}/initramfs-{Flavor}",
            ModloopUrl: $"{netboot}/modloop-{Flavor}",
            Repositories: [$"{mirror}/{branch}/main", $"{mirror}/{branch}/community"],
            Server: server,
            HttpBase: $"http://{server}:{config.Ipxe.HttpPort}");
    }

    public string HttpUrl(string file) => $"{HttpBase}/{file}";

    public string InitrdFileName => $"initramfs-{Flavor}";
}
