namespace OsInstall.Common.Config.Rules;

/// <summary>The sample VM's tenant and external networks: addresses well-formed and inside their networks, pools in order.</summary>
public static class SampleVmRules
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
        Member("sample_vm.external_network_gateway", vm.ExternalNetworkGateway, outer, externalNet);
        PoolInOrder(ctx, "sample_vm.external_pool_start", Member("sample_vm.external_pool_start", vm.ExternalPoolStart, outer, externalNet),
            "sample_vm.external_pool_end", Member("sample_vm.external_pool_end", vm.ExternalPoolEnd, outer, externalNet));
    }

    private static void PoolInOrder(ValidationContext ctx, string startPath, Ipv4Address? start, string endPath, Ipv4Address? end)
    {
        if (start is { } s && end is { } e && s.Value > e.Value)
        {
            ctx.Report(endPath, $"pool ends at {e}, before it starts ({startPath} is {s})");
        }
    }
}
