using OsInstall.Common.Config;

namespace OsInstall.Common.Ovn;

/// <summary>
/// How a controller is known to OVN. The ovn component sets ovn-controller's system-id to the
/// controller's FQDN (instead of the original's random uuid), so the chassis name is derivable
/// from the config alone: requested-chassis and the gateway chassis group use the same name.
/// </summary>
public static class OvnChassis
{
    public static string NameOf(ClusterConfig config, string host) =>
        config.Controllers.Any(c => c.Name == host)
            ? config.Fqdn(host)
            : throw new ArgumentException($"{host} is not a controller: only controllers are OVN chassis", nameof(host));

    /// <summary>A compute node's chassis name (the compute component sets its system-id to the node's FQDN too).</summary>
    public static string NameOfComputeNode(ClusterConfig config, string host) =>
        config.ComputeNodes.Any(c => c.Name == host)
            ? config.Fqdn(host)
            : throw new ArgumentException($"{host} is not a compute node", nameof(host));

    public static IReadOnlyList<string> All(ClusterConfig config) => config.Controllers.Select(c => config.Fqdn(c.Name)).ToList();
}
