namespace OsInstall.Components.Ovn;

/// <summary>Names of the logical router and switch ports the topology creates (as the original names them).</summary>
public static class OvnTopologyNames
{
    public const string InternalGatewayRouterPort = "lrp-internal-gateway";
    public const string ProviderNetworkRouterPort = "lrp-provider-network";
    public const string ProviderToComputeRouterPort = "lrp-compute-router";
    public const string ComputeToProviderRouterPort = "lrp-provider-router";
    public const string ComputeNetworkRouterPort = "lrp-compute-network";

    public const string InternalGatewaySwitchPort = "lsp-internal-gateway-port";
    public const string ProviderNetworkSwitchPort = "lsp-provider-network-port";
    public const string ProviderLocalnetPort = "lsp-provider-localnet-port";
    public const string ComputeNetworkSwitchPort = "lsp-compute-network-port";
    public const string ComputeLocalnetPort = "lsp-compute-localnet-port";

    /// <summary>The physical network names of ovn-bridge-mappings and the localnet ports.</summary>
    public const string ProviderPhysicalNetwork = "provider";
    public const string ComputePhysicalNetwork = "compute";
}
