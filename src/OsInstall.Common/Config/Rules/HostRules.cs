namespace OsInstall.Common.Config.Rules;

/// <summary>The hosts: how many controllers, valid and distinct names, and the cluster domain.</summary>
public static class HostRules
{
    /// <summary>
    /// Exactly three controllers. The design places roles on controllers 1, 2 and 3 by position:
    /// bind master and two slaves, rsyslog primary and two standby collectors, and the OVN raft,
    /// RabbitMQ and Galera clusters need three members for a quorum that survives one failure
    /// (two members would survive none, and is worse than one). One controller would leave every
    /// one of those roles without the hosts the components expect, so it is refused too.
    /// </summary>
    public const int RequiredControllers = 3;

    public static void Check(ValidationContext ctx)
    {
        var c = ctx.Config;
        if (!ctx.Locations.HasFailed("controllers") && c.Controllers.Count != RequiredControllers)
        {
            ctx.Report("controllers", $"{c.Controllers.Count} controller(s) listed; exactly {RequiredControllers} are required (DNS master + 2 slaves, log collector primary + 2 standbys, 3-member raft/RabbitMQ/Galera quorum)");
        }
        if (!ctx.Locations.HasFailed("compute_nodes") && ctx.Locations.Contains("compute_nodes") && c.ComputeNodes.Count == 0)
        {
            ctx.Report("compute_nodes", "no compute nodes listed; at least one is required");
        }

        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void Host(string path, HostEntry host)
        {
            var namePath = path + ".name";
            if (ctx.Usable(namePath, host.Name))
            {
                if (!TextFormats.IsDnsLabel(host.Name))
                {
                    ctx.Report(namePath, $"host name '{host.Name}' is not a valid DNS label: 1-63 letters, digits and '-', not starting or ending with '-'");
                }
                else if (seen.TryGetValue(host.Name, out var other))
                {
                    ctx.Report(namePath, $"duplicate host name '{host.Name}': also {other} (line {ctx.Locations.Find(other).Line})");
                }
                else
                {
                    seen[host.Name] = namePath;
                }
            }
            if (host.SshPort is { } port)
            {
                PortRules.CheckPort(ctx, path + ".ssh_port", port);
            }
        }
        for (var i = 0; i < c.Controllers.Count; i++)
        {
            Host($"controllers[{i}]", c.Controllers[i]);
        }
        for (var i = 0; i < c.ComputeNodes.Count; i++)
        {
            Host($"compute_nodes[{i}]", c.ComputeNodes[i]);
        }

        if (ctx.Usable("cluster.domain", c.Cluster.Domain) && !TextFormats.IsDnsName(c.Cluster.Domain))
        {
            ctx.Report("cluster.domain", $"'{c.Cluster.Domain}' is not a valid DNS domain: expected labels of letters, digits and '-' joined by dots, e.g. example.lab");
        }
    }
}
