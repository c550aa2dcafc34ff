using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.OpenStack;

namespace OsInstall.Components.Rabbitmq;

/// <summary>
/// One node of the cluster: its Erlang node name and the directories it keeps its state and logs
/// in, as rabbitmq-env.conf sets them. Production nodes are rabbit@&lt;container&gt; (the short
/// name, as the original's default rabbit@$(hostname -s)); tests make nodes of their own.
/// </summary>
public sealed record RabbitmqNode(string NodeName, string MnesiaBase, string LogBase, string ConfigFile)
{
    public const string DataDir = "/var/lib/rabbitmq";
    public const string LogDir = "/var/log/rabbitmq";

    public static string NodeNameOf(string container) => $"rabbit@{container}";

    public static RabbitmqNode For(ContainerMember member, RabbitmqRelease release) =>
        new(NodeNameOf(member.Container), $"{DataDir}/mnesia", LogDir, release.ConfPath);

    /// <summary>The node names of the set's members, in member order (the first is the one the others join).</summary>
    public static IReadOnlyList<string> NodeNames(ClusterConfig config) =>
        ContainerSet.Members(config, ClusterEndpoints.RabbitmqSet).Select(m => NodeNameOf(m.Container)).ToList();
}
