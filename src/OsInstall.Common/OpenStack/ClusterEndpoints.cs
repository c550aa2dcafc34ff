using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Secrets;

namespace OsInstall.Common.OpenStack;

/// <summary>
/// The addresses every OpenStack service's config shares, built in one place: the container
/// names of the infrastructure sets, the oslo.messaging transport URL over the three rabbitmq
/// nodes, the memcached server list, and the API endpoint host (the haproxy VIP's DNS name).
/// </summary>
public static class ClusterEndpoints
{
    public const string RabbitmqSet = "rabbitmq";
    public const string MemcachedSet = "memcached";
    public const string HaproxySet = "haproxy";
    public const string PostgresSet = "postgres";
    public const string GaleraSet = "mariadb";

    public const string RabbitmqUser = "openstack";
    public const string RabbitmqPasswordSecret = "rabbitmq_password";
    public const int RabbitmqPort = 5672;
    public const int MemcachedPort = 11211;

    /// <summary>DNS name of the haproxy VIP: the host of every public, internal and admin endpoint.</summary>
    public static string ApiHost(ClusterConfig config) => config.Fqdn(HaproxySet);

    /// <summary>DNS name of the postgres VIP (follows the master).</summary>
    public static string PostgresHost(ClusterConfig config) => config.Fqdn(PostgresSet);

    /// <summary>FQDNs of a container set's members, &lt;set&gt;-1.. in controller order.</summary>
    public static IReadOnlyList<string> MemberFqdns(ClusterConfig config, string set) =>
        ContainerSet.Members(config, set).Select(m => config.Fqdn(m.Container)).ToList();

    /// <summary>rabbit://openstack:pw@rabbitmq-1.domain:5672,...@rabbitmq-3.domain:5672/ (user and password percent-encoded).</summary>
    public static string TransportUrl(ClusterConfig config, SecretStore secrets)
    {
        var user = Uri.EscapeDataString(RabbitmqUser);
        var password = Uri.EscapeDataString(secrets.Get(RabbitmqPasswordSecret));
        var nodes = MemberFqdns(config, RabbitmqSet).Select(h => $"{user}:{password}@{h}:{RabbitmqPort}");
        return $"rabbit://{string.Join(",", nodes)}/";
    }

    /// <summary>host:port of every memcached instance, as keystonemiddleware and oslo.cache take it.</summary>
    public static IReadOnlyList<string> MemcachedServers(ClusterConfig config) =>
        MemberFqdns(config, MemcachedSet).Select(h => $"{h}:{MemcachedPort}").ToList();
}
