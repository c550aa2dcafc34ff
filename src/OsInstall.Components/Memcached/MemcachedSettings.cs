using System.Net;
using OsInstall.Common.Config;
using OsInstall.Common.OpenStack;

namespace OsInstall.Components.Memcached;

/// <summary>What one memcached instance is started with (from openstack.memcached_* in the config).</summary>
public sealed record MemcachedSettings(string ListenAddress, int Port, int MemoryMb, int MaxConnections)
{
    /// <summary>Every address, as the original's LISTENON=0.0.0.0 (a container has only the internal network).</summary>
    public const string AnyAddress = "0.0.0.0";

    public static MemcachedSettings From(ClusterConfig config)
    {
        var s = new MemcachedSettings(AnyAddress, ClusterEndpoints.MemcachedPort, config.Openstack.MemcachedMemoryMb, config.Openstack.MemcachedMaxConnections);
        if (s.MemoryMb <= 0 || s.MaxConnections <= 0)
        {
            throw new InvalidOperationException("openstack.memcached_memory_mb and openstack.memcached_max_connections must be positive");
        }
        if (!IPAddress.TryParse(s.ListenAddress, out _))
        {
            throw new InvalidOperationException($"memcached: '{s.ListenAddress}' is not an address");
        }
        return s;
    }
}
