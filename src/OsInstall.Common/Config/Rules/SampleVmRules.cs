using System.Text.RegularExpressions;

namespace OsInstall.Common.Config.Rules;

/// <summary>The sample VM's tenant and external networks: addresses well-formed and inside their networks, pools in order.</summary>
public static partial class SampleVmRules
{
    public static void Check(ValidationContext ctx)
    {
        var vm = ctx.Config.SampleVm;
        const string inner = "sample_vm.internal_network_cidr";
        const string outer = "sample_vm.external_network_cidr";
        var internalNet = AddressChecks.Network(ctx, inner, vm.InternalNetworkCidr);
        var externalNet = AddressChecks.Network(ctx, outer, vm.ExternalNetworkCidr);
        // The sample's external network is the provider network as neutron sees it: floating IPs route only inside it.
        if (externalNet is { } ext && Ipv4Network.Parse(ctx.Config.Networks.Provider.Cidr, out _) is { } provider
            && !(provider.Contains(ext.Address) && ext.PrefixLength >= provider.PrefixLength))
        {
            ctx.Report(outer, $"network {ext} is not inside networks.provider.cidr {provider}: the external network lives on the provider network");
        }

        Ipv4Address? Member(string path, string value, string networkPath, Ipv4Network? network)
        {
            var ip = AddressChecks.Address(ctx, path, value);
            return AddressChecks.RequireInside(ctx, path, ip, networkPath, network) ? ip : null;
        }

        Member("sample_vm.internal_network_gateway", vm.InternalNetworkGateway, inner, internalNet);
        Member("sample_vm.metadata_port_ip", vm.MetadataPortIp, inner, internalNet);
        PoolInOrder(ctx, "sample_vm.internal_pool_start", Member("sample_vm.internal_pool_start", vm.InternalPoolStart, inner, internalNet),
            "sample_vm.internal_pool_end", Member("sample_vm.internal_pool_end", vm.InternalPoolEnd, inner, internalNet));
        AddressChecks.Address(ctx, "sample_vm.internal_network_dns", vm.InternalNetworkDns);
        var externalGateway = Member("sample_vm.external_network_gateway", vm.ExternalNetworkGateway, outer, externalNet);
        var externalStart = Member("sample_vm.external_pool_start", vm.ExternalPoolStart, outer, externalNet);
        var externalEnd = Member("sample_vm.external_pool_end", vm.ExternalPoolEnd, outer, externalNet);
        PoolInOrder(ctx, "sample_vm.external_pool_start", externalStart, "sample_vm.external_pool_end", externalEnd);
        GatewayOutsidePool(ctx, "sample_vm.external_network_gateway", externalGateway, externalStart, externalEnd);
        GatewayOutsidePool(ctx, "sample_vm.internal_network_gateway",
            Ipv4Address.TryParse(vm.InternalNetworkGateway, out var g) ? g : null,
            Ipv4Address.TryParse(vm.InternalPoolStart, out var s) ? s : null,
            Ipv4Address.TryParse(vm.InternalPoolEnd, out var e) ? e : null);
        SampleObjects(ctx, vm);
    }

    /// <summary>neutron refuses a subnet whose gateway lies in its allocation pool.</summary>
    private static void GatewayOutsidePool(ValidationContext ctx, string path, Ipv4Address? gateway, Ipv4Address? start, Ipv4Address? end)
    {
        if (gateway is { } gw && start is { } s && end is { } e && s.Value <= e.Value && gw.Value >= s.Value && gw.Value <= e.Value)
        {
            ctx.Report(path, $"gateway {gw} lies inside the allocation pool {s}-{e}: neutron refuses such a subnet");
        }
    }

    /// <summary>The flavor and keypair of the sample server (their names are plain names: FormatRules).</summary>
    private static void SampleObjects(ValidationContext ctx, SampleVmSection vm)
    {
        foreach (var (path, value, least) in new[]
        {
            ("sample_vm.flavor_vcpus", vm.FlavorVcpus, 1),
            ("sample_vm.flavor_ram_mb", vm.FlavorRamMb, 1),
            ("sample_vm.flavor_disk_gb", vm.FlavorDiskGb, 0),
        })
        {
            if (value < least)
            {
                ctx.Report(path, $"{value} is not allowed: expected a number of at least {least}");
            }
        }
        var key = vm.KeypairPublicKey;
        if (ctx.Usable("sample_vm.keypair_public_key", key) && !PublicKeyPattern().IsMatch(key))
        {
            ctx.Report("sample_vm.keypair_public_key", "is not one OpenSSH public key line: expected e.g. 'ssh-ed25519 AAAAC3... comment' (leave it empty to generate a key on controller-1)");
        }
    }

    [GeneratedRegex(@"^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,3}( [^\r\n]*)?$")]
    private static partial Regex PublicKeyPattern();

    private static void PoolInOrder(ValidationContext ctx, string startPath, Ipv4Address? start, string endPath, Ipv4Address? end)
    {
        if (start is { } s && end is { } e && s.Value > e.Value)
        {
            ctx.Report(endPath, $"pool ends at {e}, before it starts ({startPath} is {s})");
        }
    }
}
