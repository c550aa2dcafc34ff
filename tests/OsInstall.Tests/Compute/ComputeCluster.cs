using System.Formats.Tar;
using System.Text;
using OsInstall.Common.Config;
using OsInstall.Common.Dns;
using OsInstall.Tests.Bind;
using OsInstall.Tests.EndToEnd;
using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Compute;

/// <summary>The simulated cluster of the compute tests: 3 controllers and 8 compute nodes.</summary>
public sealed class ComputeCluster : SimulatedCluster
{
    public const string C1 = "o3p-os-controller-1";

    /// <summary>The file every node unpacks from the canned package tarballs.</summary>
    public const string PackagedFile = "/usr/lib/python3.12/site-packages/osinstall_sim_package/__init__.py";

    public ComputeCluster()
        : base(3, 8)
    {
    }

    public IEnumerable<string> Nodes => HostNames.Where(h => h.Contains("compute", StringComparison.Ordinal));

    /// <summary>
    /// What the compute component expects to find and cannot make on the simulated hosts: the zones
    /// bind serves and the key and rc file prepare leaves on controller-1; in each node a QEMU
    /// checkout whose build (make is a stand-in) left the binary; the containers' answer to
    /// lxc-attach (a small real tar stream, which also stands for the package listing).
    /// </summary>
    /// <returns>The package version the containers answer with: new on every call, so that whatever an
    /// earlier test left on the hosts, the tarballs are built again and every node fetches them.</returns>
    public string Seed(ClusterConfig config) => Seed(this, config);

    /// <summary>What the containers answer: a tar stream of one package file whose content is <paramref name="version"/>.</summary>
    public void SetPackageVersion(string version) => SetPackageVersion(this, version);

    /// <summary>
    /// <see cref="Seed(ClusterConfig)"/> on any simulated cluster (the benchmark's too): every
    /// compute host of <paramref name="cluster"/> gets the QEMU checkout.
    /// </summary>
    public static string Seed(SimulatedCluster cluster, ClusterConfig config)
    {
        var zones = DnsZoneSet.FromConfig(config);
        const string Soa = "$TTL 600\n@\tIN\tSOA\tns1.oppp.lab. root.oppp.lab. (\n\t\t2026010101\t; serial\n\t\t86400\n\t\t7200\n\t\t3600000\n\t\t3600\n\t)\n@\tIN\tNS\tns1.oppp.lab.\n";
        Directory.CreateDirectory(cluster.InRoot(C1, "/var/bind/pri"));
        File.WriteAllText(cluster.InRoot(C1, zones.Forward.FilePath), Soa + "ns1\tIN\tA\t127.0.0.11\n");
        foreach (var reverse in zones.Reverse)
        {
            File.WriteAllText(cluster.InRoot(C1, reverse.FilePath), Soa);
        }
        Directory.CreateDirectory(cluster.InRoot(C1, "/root/.ssh"));
        File.WriteAllText(cluster.InRoot(C1, "/root/.ssh/id_rsa.pub"), "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDcomputetest root@o3p-os-controller-1\n");
        File.WriteAllText(cluster.InRoot(C1, "/root/admin-openrc"), "export OS_USERNAME=admin\n");
        foreach (var node in cluster.HostNames.Where(h => h.Contains("compute", StringComparison.Ordinal)))
        {
            Directory.CreateDirectory(cluster.InRoot(node, "/root/qemu/.git"));
            Directory.CreateDirectory(cluster.InRoot(node, "/root/qemu/build"));
            File.WriteAllText(cluster.InRoot(node, "/root/qemu/configure"), "#!/bin/sh\nexit 0\n");
            File.SetUnixFileMode(cluster.InRoot(node, "/root/qemu/configure"), (UnixFileMode)0b111_101_101);
            File.WriteAllText(cluster.InRoot(node, "/root/qemu/build/qemu-system-x86_64"), "#!/bin/sh\necho 'QEMU emulator (simulated, rbd)'\n");
        }
        var version = $"1.0.{Guid.NewGuid():N}";
        SetPackageVersion(cluster, version);
        return version;
    }

    /// <summary>What the containers of <paramref name="cluster"/> answer: a tar stream of one package file whose content is <paramref name="version"/>.</summary>
    public static void SetPackageVersion(SimulatedCluster cluster, string version)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Ustar, leaveOpen: true))
        {
            var entry = new UstarTarEntry(TarEntryType.RegularFile, PackagedFile.TrimStart('/'))
            {
                DataStream = new MemoryStream(Encoding.ASCII.GetBytes($"version = '{version}'\n")),
                ModificationTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
                Mode = (UnixFileMode)0b110_100_100,
            };
            writer.WriteEntry(entry);
        }
        var bytes = buffer.ToArray();
        Assert.All(bytes, b => Assert.True(b < 0x80, "the canned tar stream must be ASCII to pass through a text file"));
        cluster.SetOutput(C1, "lxc-attach", Encoding.ASCII.GetString(bytes));
    }

    public void ClearPackageOutput() => File.Delete(InRoot(C1, $"{StandIns.OutputDirectory}/lxc-attach"));

    /// <summary>named-checkzone on each zone file of controller-1; returns the forward zone's text.</summary>
    public async Task<string> CheckZonesAsync(ClusterConfig config)
    {
        foreach (var zone in DnsZoneSet.FromConfig(config).All)
        {
            var (exit, output) = await Tool.RunAsync(Tool.Require("/usr/bin/named-checkzone"), zone.Name, InRoot(C1, zone.FilePath));
            Assert.True(exit == 0, $"{zone.Name}: named-checkzone failed:\n{output}\n{ReadFile(C1, zone.FilePath)}");
        }
        return ReadFile(C1, DnsZoneSet.FromConfig(config).Forward.FilePath)!;
    }

    public CliScenario Scenario(Action<ClusterConfig>? tweak = null, OsInstall.Common.Secrets.SecretStore? secrets = null) =>
        new(this, c =>
        {
            c.Versions.QemuRef = "v9.2.2";
            tweak?.Invoke(c);
        }, secrets);
}

[CollectionDefinition(Name)]
public sealed class ComputeClusterCollection : ICollectionFixture<ComputeCluster>
{
    public const string Name = "compute-cluster";
}
