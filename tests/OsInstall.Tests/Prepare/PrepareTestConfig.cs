using OsInstall.Common.Config;
using OsInstall.Common.Secrets;

namespace OsInstall.Tests.Prepare;

/// <summary>A 3-controller cluster like config/common.yaml, built in code so the tests do not depend on the example file.</summary>
internal static class PrepareTestConfig
{
    public const string AdminPassword = "AdminPw7fQx2LmZ9rT4";
    public const string DemoPassword = "DemoPw3kV8nB1sW6yH0";
    public const string CephAdminKey = "AQCephAdminKeyZm9vYmFyYmF6cXV4==";
    public const string CephClientKey = "AQCephClientKeyYWJjZGVmZ2hpams==";

    public static IReadOnlyList<string> SecretValues => [AdminPassword, DemoPassword, CephAdminKey, CephClientKey];

    public static ClusterConfig Create(bool localFirstController = false)
    {
        var config = new ClusterConfig
        {
            ReadyToProceed = true,
            Cluster = new ClusterSection { Domain = "oppp.lab", Region = "RegionOne" },
            Ssh = new SshSection { User = "root", KeyFile = "/root/.ssh/id_rsa", LocalFirstController = localFirstController },
            Controllers =
            [
                new HostEntry { Name = "o3p-os-controller-1", Address = "10.1.1.1" },
                new HostEntry { Name = "o3p-os-controller-2", Address = "10.1.1.2", SshPort = 2222 },
                new HostEntry { Name = "o3p-os-controller-3", Address = "10.1.1.3" },
            ],
            ComputeNodes = [new HostEntry { Name = "o3p-os-compute-1", Address = "10.1.1.4" }],
        };
        config.Networks.Internal.Cidr = "10.0.0.0/24";
        config.Networks.Internal.Gateway = "10.0.0.1";
        config.Networks.Compute.Cidr = "10.1.1.0/24";
        config.Networks.Compute.Interface = "eth0";
        config.Networks.Compute.DefaultGateway = "10.1.1.254";
        config.Networks.Compute.RouterPortIp = "10.1.1.99";
        config.Networks.Compute.OvsBridgingInterface = "eth2";
        config.Networks.Provider.Cidr = "10.1.2.0/24";
        config.Networks.Provider.Interface = "eth1";
        config.Vips.Haproxy = "10.0.0.254";
        config.Vips.Postgres = "10.0.0.253";
        config.Ceph.ClusterId = "60a9c7d6-73e7-11eb-84e8-61b44d7d6dde";
        config.Ceph.Monitors = ["10.1.1.160", "10.1.1.161", "10.1.1.162"];
        config.Ceph.Client = "shareddata";
        config.Ceph.RbdPool = "myshareddata";
        config.Lxc.Release = "3.22";
        config.Versions.AlpineMirror = "https://dl-cdn.alpinelinux.org/alpine/";
        config.Versions.OpenstackClient = "8.0.0";
        config.Versions.OscPlacement = "4.5.0";
        config.Openstack.DemoProject = "o3p-project";
        config.Openstack.DemoUser = "o3p-user";
        return config;
    }

    public static SecretStore Secrets() => new(new Dictionary<string, string>
    {
        ["admin_password"] = AdminPassword,
        ["demo_password"] = DemoPassword,
        ["ceph_admin_key"] = CephAdminKey,
        ["ceph_client_key"] = CephClientKey,
    });
}
