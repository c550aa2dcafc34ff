using System.Globalization;
using OsInstall.Common.Config;
using OsInstall.Common.Shell;
using OsInstall.Components.OpenStack;
using OsInstall.Components.Ovn;

namespace OsInstall.Components.SampleVm;

/// <summary>
/// The shell commands of vm-create.sh and vm-delete.sh, each one command that looks first and acts
/// only on what is missing (or present), so a dry run lists every create and a rerun creates nothing.
/// All run on controller-1 with admin-openrc, as the original's.
/// </summary>
public static class SampleVmCommands
{
    /// <summary>How long the volume may take to become available (glance image cloned into it).</summary>
    public const int VolumeWaitSeconds = 600;

    private static string Openrc => $". {Sh.Quote(OpenStackCli.AdminOpenrc)}";

    private static string Os(params string[] words) => Sh.Join(["openstack", .. words]);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Deletes the object when <paramref name="show"/> finds it.</summary>
    public static string RemoveIfPresent(string[] show, string[] delete) =>
        $"{Openrc} && {{ ! {Os(show)} >/dev/null 2>&1 || {Os(delete)}; }}";

    // ---- install -----------------------------------------------------------------------------

    /// <summary>
    /// The image, unless glance has it: the configured cloud image downloaded, converted to raw with
    /// qemu-img (the original built a raw image with Packer) and uploaded with the original's properties.
    /// A raw file left by an earlier run is used again.
    /// </summary>
    public static string EnsureImage(ClusterConfig config)
    {
        var n = new SampleVmNames(config);
        var fetch = $"{Sh.Join("mkdir", "-p", SampleVmNames.WorkDir)} && {FetchRaw(config.SampleVm.ImageUrl, n.Download, n.RawImage)}";
        string[] create = ["image", "create", "--public", "--disk-format", "raw", "--container-format", "bare", "--file", n.RawImage];
        foreach (var property in SampleVmNames.ImageProperties)
        {
            create = [.. create, "--property", property];
        }
        return $"{Openrc} && {{ {Os("image", "show", n.Image)} >/dev/null 2>&1 || {{ {fetch} && {Os([.. create, n.Image])}; }}; }}";
    }

    /// <summary>
    /// Downloads <paramref name="url"/> and converts it to the raw <paramref name="raw"/> (whatever
    /// format qemu-img finds), unless <paramref name="raw"/> is there; a half-written raw file never
    /// takes its name.
    /// </summary>
    public static string FetchRaw(string url, string download, string raw)
    {
        var partial = $"{raw}.partial";
        return $"{{ [ -s {Sh.Quote(raw)} ] || {{ " +
            $"{Sh.Join("wget", "-q", "-O", download, url)} && " +
            $"{Sh.Join("qemu-img", "convert", "-O", "raw", download, partial)} && " +
            $"{Sh.Join("mv", partial, raw)} && {Sh.Join("rm", "-f", download)}; }}; }}";
    }

    public static string EnsureFlavor(ClusterConfig config)
    {
        var vm = config.SampleVm;
        return OpenStackCli.EnsureExists(["flavor", "show", vm.FlavorName],
            ["flavor", "create", "--public", "--vcpus", Text(vm.FlavorVcpus), "--ram", Text(vm.FlavorRamMb), "--disk", Text(vm.FlavorDiskGb), vm.FlavorName]);
    }

    /// <summary>The bootable volume from the image, then a wait until it is available (the server boots from it).</summary>
    public static string EnsureVolume(ClusterConfig config)
    {
        var n = new SampleVmNames(config);
        var create = OpenStackCli.EnsureExists(["volume", "show", n.Volume],
            ["volume", "create", "--bootable", "--size", Text(config.SampleVm.VolumeSizeGb), "--image", n.Image, n.Volume]);
        var wait =
            $"i=0; while :; do s=$({Os("volume", "show", "-f", "value", "-c", "status", n.Volume)}) || exit 1; " +
            $"case $s in available|in-use) break ;; error*) echo {Sh.Quote($"volume {n.Volume} is in state")} \"$s\" >&2; exit 1 ;; esac; " +
            $"[ \"$i\" -lt {Text(VolumeWaitSeconds / 5)} ] || {{ echo {Sh.Quote($"volume {n.Volume} is still")} \"$s\" >&2; exit 1; }}; i=$((i + 1)); sleep 5; done";
        return $"{create} && {{ {wait}; }}";
    }

    public static IEnumerable<string> EnsureInternalNetwork(ClusterConfig config)
    {
        var vm = config.SampleVm;
        yield return OpenStackCli.EnsureExists(["network", "show", vm.InternalNetworkName], ["network", "create", vm.InternalNetworkName]);
        yield return OpenStackCli.EnsureExists(["subnet", "show", vm.InternalNetworkName],
        [
            "subnet", "create", "--network", vm.InternalNetworkName, "--subnet-range", vm.InternalNetworkCidr,
            "--gateway", vm.InternalNetworkGateway, "--dns-nameserver", vm.InternalNetworkDns,
            "--allocation-pool", $"start={vm.InternalPoolStart},end={vm.InternalPoolEnd}", vm.InternalNetworkName,
        ]);
    }

    /// <summary>The provider network as neutron's flat external network on the "provider" physnet of the OVN bridge mappings.</summary>
    public static IEnumerable<string> EnsureExternalNetwork(ClusterConfig config)
    {
        var vm = config.SampleVm;
        yield return OpenStackCli.EnsureExists(["network", "show", vm.ExternalNetworkName],
        [
            "network", "create", "--external", "--provider-physical-network", OvnTopologyNames.ProviderPhysicalNetwork,
            "--provider-network-type", "flat", vm.ExternalNetworkName,
        ]);
        yield return OpenStackCli.EnsureExists(["subnet", "show", vm.ExternalNetworkName],
        [
            "subnet", "create", "--network", vm.ExternalNetworkName, "--subnet-range", vm.ExternalNetworkCidr,
            "--gateway", vm.ExternalNetworkGateway, "--no-dhcp",
            "--allocation-pool", $"start={vm.ExternalPoolStart},end={vm.ExternalPoolEnd}", vm.ExternalNetworkName,
        ]);
    }

    /// <summary>The router, its gateway on the external network (SNAT on) and its interface on the internal subnet.</summary>
    public static IEnumerable<string> EnsureRouter(ClusterConfig config)
    {
        var n = new SampleVmNames(config);
        yield return OpenStackCli.EnsureExists(["router", "show", n.Router], ["router", "create", n.Router]);
        yield return
            $"{Openrc} && {{ net=$({Os("network", "show", "-f", "value", "-c", "id", n.ExternalNetwork)}) && [ -n \"$net\" ] && " +
            $"gw=$({Os("router", "show", "-f", "value", "-c", "external_gateway_info", n.Router)}) && " +
            $"case $gw in *\"$net\"*) ;; *) {Os("router", "set", "--enable-snat", "--external-gateway", n.ExternalNetwork, n.Router)} ;; esac; }}";
        yield return
            $"{Openrc} && {{ [ -n \"$({RouterInterfaceQuery(n)})\" ] || {Os("router", "add", "subnet", n.Router, n.InternalNetwork)}; }}";
    }

    /// <summary>A security group of its own (the original opened the project's default group) with ingress icmp and ssh.</summary>
    public static IEnumerable<string> EnsureSecurityGroup(ClusterConfig config)
    {
        var g = new SampleVmNames(config).SecurityGroup;
        yield return OpenStackCli.EnsureExists(["security", "group", "show", g],
            ["security", "group", "create", "--description", "osinstall sample VM: ssh and icmp in", g]);
        yield return
            $"{Openrc} && {{ [ -n \"$({Os("security", "group", "rule", "list", "--ingress", "--protocol", "icmp", "-f", "value", "-c", "ID", g)})\" ] || " +
            $"{Os("security", "group", "rule", "create", "--ingress", "--protocol", "icmp", g)}; }}";
        yield return
            $"{Openrc} && {{ {Os("security", "group", "rule", "list", "--ingress", "--protocol", "tcp", "-f", "value", "-c", "Port Range", g)} | grep -qx '22:22' || " +
            $"{Os("security", "group", "rule", "create", "--ingress", "--protocol", "tcp", "--dst-port", "22", g)}; }}";
    }

    /// <summary>The key pair generated on controller-1 unless it is there (or sample_vm.keypair_public_key is set).</summary>
    public static string GenerateKey(ClusterConfig config)
    {
        var n = new SampleVmNames(config);
        return $"{Sh.Join("mkdir", "-p", "/root/.ssh")} && {Sh.Join("chmod", "0700", "/root/.ssh")} && " +
            $"{{ [ -f {Sh.Quote(n.PrivateKey)} ] || {Sh.Join("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", n.FloatingIpTag, "-f", n.PrivateKey)}; }}";
    }

    public static string EnsureKeypair(ClusterConfig config)
    {
        var n = new SampleVmNames(config);
        return OpenStackCli.EnsureExists(["keypair", "show", n.Keypair], ["keypair", "create", "--public-key", n.PublicKey, n.Keypair]);
    }

    /// <summary>The server, booted from the volume on the internal network, waited for until it is active.</summary>
    public static string EnsureServer(ClusterConfig config)
    {
        var n = new SampleVmNames(config);
        return OpenStackCli.EnsureExists(["server", "show", n.Server],
        [
            "server", "create", "--flavor", n.Flavor, "--key-name", n.Keypair, "--volume", n.Volume,
            "--network", n.InternalNetwork, "--security-group", n.SecurityGroup, "--wait", n.Server,
        ]);
    }

    /// <summary>
    /// One floating IP of the external network, tagged as the sample's (created once), associated
    /// with the server unless it already is.
    /// </summary>
    public static string EnsureFloatingIp(ClusterConfig config)
    {
        var n = new SampleVmNames(config);
        return $"{Openrc} && {{ " +
            $"fip=$({FloatingIpQuery(n)} | head -n 1); " +
            $"[ -n \"$fip\" ] || fip=$({Os("floating", "ip", "create", "--tag", n.FloatingIpTag, "-f", "value", "-c", "floating_ip_address", n.ExternalNetwork)}) || exit 1; " +
            $"port=$({Os("floating", "ip", "show", "-f", "value", "-c", "port_id")} \"$fip\") || exit 1; " +
            $"case $port in ''|None) {Os("server", "add", "floating", "ip", n.Server)} \"$fip\" ;; esac; }}";
    }

    // ---- uninstall (vm-delete.sh's order) ---------------------------------------------------

    public static string RemoveServer(ClusterConfig config)
    {
        var s = new SampleVmNames(config).Server;
        return RemoveIfPresent(["server", "show", s], ["server", "delete", "--wait", s]);
    }

    /// <summary>Every floating IP tagged as the sample's (the original deleted every floating IP it listed).</summary>
    public static string RemoveFloatingIps(ClusterConfig config)
    {
        var n = new SampleVmNames(config);
        return $"{Openrc} && {{ for ip in $({FloatingIpQuery(n)}); do {Os("floating", "ip", "delete")} \"$ip\" || exit 1; done; }}";
    }

    public static string RemoveKeypair(ClusterConfig config)
    {
        var n = new SampleVmNames(config);
        return RemoveIfPresent(["keypair", "show", n.Keypair], ["keypair", "delete", n.Keypair]);
    }

    public static string RemoveKeyFiles(ClusterConfig config)
    {
        var n = new SampleVmNames(config);
        return Sh.Join("rm", "-f", n.PrivateKey, n.PublicKey);
    }

    public static string RemoveSecurityGroup(ClusterConfig config)
    {
        var g = new SampleVmNames(config).SecurityGroup;
        return RemoveIfPresent(["security", "group", "show", g], ["security", "group", "delete", g]);
    }

    public static IEnumerable<string> RemoveRouter(ClusterConfig config)
    {
        var n = new SampleVmNames(config);
        yield return $"{Openrc} && {{ [ -z \"$({RouterInterfaceQuery(n)} 2>/dev/null)\" ] || {Os("router", "remove", "subnet", n.Router, n.InternalNetwork)}; }}";
        yield return RemoveIfPresent(["router", "show", n.Router], ["router", "delete", n.Router]);
    }

    /// <summary>The subnet, then the network.</summary>
    public static IEnumerable<string> RemoveNetwork(string name)
    {
        yield return RemoveIfPresent(["subnet", "show", name], ["subnet", "delete", name]);
        yield return RemoveIfPresent(["network", "show", name], ["network", "delete", name]);
    }

    public static string RemoveFlavor(ClusterConfig config)
    {
        var f = config.SampleVm.FlavorName;
        return RemoveIfPresent(["flavor", "show", f], ["flavor", "delete", f]);
    }

    public static string RemoveVolume(ClusterConfig config)
    {
        var v = new SampleVmNames(config).Volume;
        return RemoveIfPresent(["volume", "show", v], ["volume", "delete", v]);
    }

    /// <summary>The glance image, then the raw file and what a broken download left.</summary>
    public static IEnumerable<string> RemoveImage(ClusterConfig config)
    {
        var n = new SampleVmNames(config);
        yield return RemoveIfPresent(["image", "show", n.Image], ["image", "delete", n.Image]);
        yield return $"{Sh.Join("rm", "-f", n.RawImage, $"{n.RawImage}.partial", n.Download)} && {{ {Sh.Join("rmdir", SampleVmNames.WorkDir)} 2>/dev/null || true; }}";
    }

    // ---- verify -------------------------------------------------------------------------------

    public static string ServerStatus(ClusterConfig config) =>
        $"{Openrc} && {Os("server", "show", "-f", "value", "-c", "status", new SampleVmNames(config).Server)}";

    /// <summary>"address port" of the sample's floating IPs.</summary>
    public static string FloatingIps(ClusterConfig config) =>
        $"{Openrc} && {Os("floating", "ip", "list", "--tags", new SampleVmNames(config).FloatingIpTag, "-f", "value", "-c", "Floating IP Address", "-c", "Port")}";

    private static string FloatingIpQuery(SampleVmNames n) =>
        Os("floating", "ip", "list", "--tags", n.FloatingIpTag, "-f", "value", "-c", "Floating IP Address");

    private static string RouterInterfaceQuery(SampleVmNames n) =>
        Os("port", "list", "--router", n.Router, "--fixed-ip", $"subnet={n.InternalNetwork}", "-f", "value", "-c", "ID");
}
