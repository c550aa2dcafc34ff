using OsInstall.Common.Engine;

namespace OsInstall.Components.Prepare;

/// <summary>
/// /etc/network/interfaces: static address on the compute network, the provider and OVS-bridging
/// interfaces up without an address. Applied by the reboot, never live: restarting networking
/// over the SSH session that carries it would cut osinstall off. Left in place on uninstall.
/// </summary>
internal static class NetworkInterfaces
{
    public static string Render(ComponentContext ctx, string host)
    {
        var entry = ControllerSet.Entry(ctx.Config, host);
        var networks = ctx.Config.Networks;
        var compute = Ipv4Network.Parse(networks.Compute.Cidr);
        var bridged = new[]
            {
                new { Name = networks.Provider.Interface, Purpose = "provider network" },
                new { Name = networks.Compute.OvsBridgingInterface, Purpose = "compute network bridge" },
            }
            .Where(i => i.Name.Length > 0 && i.Name != networks.Compute.Interface)
            .DistinctBy(i => i.Name)
            .ToList();
        return ctx.Render(PrepareTemplates.NetworkInterfaces, new
        {
            HostName = entry.Name,
            HostAddress = entry.Address,
            ComputeInterface = networks.Compute.Interface,
            ComputeNetmask = compute.Netmask,
            BridgedInterfaces = bridged,
        });
    }

    public static Task InstallAsync(StepContext step) =>
        RebootMarker.WriteAsync(step, PreparePaths.NetworkInterfaces, Render(step.Component, step.Target.Name));
}
