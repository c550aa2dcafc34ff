using OsInstall.Common.Config;
using OsInstall.Common.Database;
using OsInstall.Common.Engine;
using OsInstall.Common.Secrets;
using OsInstall.Components;
using OsInstall.Components.Compute;
using OsInstall.Components.Keystone;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.OpenStack;

/// <summary>
/// Every OpenStack config file osinstall renders, for the oslo config checker
/// (<see cref="OsloConfigCheckTests"/>): one entry per file and variant, rendered from the example
/// cluster (config/common.yaml) with secrets full of awkward characters (the checker's run: every
/// secret hostile, <see cref="RenderWith"/>). A new service adds its
/// files here (data only) and its namespaces to oslo_services.json.
/// </summary>
public static class RenderedConfigs
{
    /// <param name="Service">Entry of oslo_services.json whose definitions check the file.</param>
    /// <param name="Case">What this variant is (file name and variation), for test names.</param>
    /// <param name="Render">Renders the file.</param>
    public sealed record Entry(string Service, string Case, Func<string> Render)
    {
        public override string ToString() => Case;
    }

    public static IReadOnlyList<Entry> All { get; } =
    [
        new("keystone", "keystone.conf (fernet, postgres)", () => RenderKeystone(_ => { })),
        new("keystone", "keystone.conf (jws, no slave connection)", () => RenderKeystone(c => c.Openstack.KeystoneTokenProvider = "jws", slave: false)),
        new("placement", "placement.conf (postgres)", () => Placement.PlacementTests.RenderConf()),
        new("placement", "placement.conf (no slave connection)", () => Placement.PlacementTests.RenderConf(slave: false)),
        new("glance", "glance-api.conf (rbd store, postgres)", () => Glance.GlanceTests.RenderConf()),
        new("glance", "glance-api.conf (rbd store, one worker, no slave connection)", () => Glance.GlanceTests.RenderConf(c => c.Openstack.BjoernWorkers = 1, slave: false)),
        new("cinder", "cinder.conf ([ceph] backend, postgres)", () => Cinder.CinderTests.RenderConf()),
        new("cinder", "cinder.conf ([ceph] backend, no slave connection)", () => Cinder.CinderTests.RenderConf(slave: false)),
        new("neutron", "neutron.conf (ml2, ovn-router, postgres)", () => Neutron.NeutronTests.RenderConf()),
        new("neutron", "neutron.conf (one api worker, no slave connection)", () => Neutron.NeutronTests.RenderConf(c => c.Openstack.BjoernWorkers = 1, slave: false)),
        new("neutron.ml2", "neutron ml2_conf.ini (ovn on the raft cluster)", () => Neutron.NeutronTests.RenderMl2Conf()),
        new("neutron", "compute neutron.conf (metadata agent)", () => RenderComputeNode(ComputeTemplates.NeutronConf)),
        new("neutron.ovn.metadata.agent", "compute neutron_ovn_metadata_agent.ini", () => RenderComputeNode(ComputeTemplates.MetadataAgentIni)),
        new("cinder", "compute node cinder.conf (cinder-volume, [ceph] backend, postgres)", () => RenderComputeNode(ComputeTemplates.CinderConf)),
        new("cinder", "compute node cinder.conf (cinder-volume, galera)", () => RenderComputeNode(ComputeTemplates.CinderConf, c => c.Openstack.Database = "galera")),
        new("nova", "nova.conf (control plane, postgres)", () => Nova.NovaTests.RenderConf()),
        new("nova", "nova.conf (control plane, no slave connections)", () => Nova.NovaTests.RenderConf(slave: false)),
        new("nova", "nova.conf (compute node)", () => Nova.NovaTests.RenderComputeNode(Components.Compute.ComputeTemplates.NovaConf)),
        new("nova", "nova-compute.conf (compute node, qemu)", () => Nova.NovaTests.RenderComputeNode(Components.Compute.ComputeTemplates.NovaComputeConf)),
        new("nova", "nova-compute.conf (compute node, kvm)", () => Nova.NovaTests.RenderComputeNode(Components.Compute.ComputeTemplates.NovaComputeConf, c => c.Openstack.LibvirtType = "kvm")),
    ];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var e in All)
        {
            data.Add(e.Case);
        }
        return data;
    }

    public static Entry Get(string name) => All.Single(e => e.Case == name);

    public static ClusterConfig ExampleConfig(Action<ClusterConfig>? change = null)
    {
        var config = ConfigLoader.LoadFile(RepoPaths.ExampleConfig).Config!;
        change?.Invoke(config);
        RenderTweak.Value?.Invoke(config);
        return config;
    }

    private static readonly AsyncLocal<SecretStore?> RenderSecrets = new();

    private static readonly AsyncLocal<Action<ClusterConfig>?> RenderTweak = new();

    /// <summary>
    /// Renders <paramref name="entry"/> from <paramref name="secrets"/> instead of the usual test
    /// secrets, and with <paramref name="tweak"/> applied to the config after the entry's own
    /// change: every <see cref="Context"/> and <see cref="ExampleConfig"/> made meanwhile (on this
    /// async flow) takes them, so each entry's render function needs no parameter for them.
    /// </summary>
    public static string RenderWith(Entry entry, SecretStore secrets, Action<ClusterConfig>? tweak = null)
    {
        var (secretsBefore, tweakBefore) = (RenderSecrets.Value, RenderTweak.Value);
        (RenderSecrets.Value, RenderTweak.Value) = (secrets, tweak);
        try
        {
            return entry.Render();
        }
        finally
        {
            (RenderSecrets.Value, RenderTweak.Value) = (secretsBefore, tweakBefore);
        }
    }

    public static ComponentContext Context(ClusterConfig config, SecretStore? secrets = null) =>
        new(config, secrets ?? RenderSecrets.Value ?? OpenStackTestSecrets.Create(), ComponentCatalog.Templates,
            (_, _) => throw new InvalidOperationException("rendering only: no hosts"),
            (_, _, _) => Task.CompletedTask, Serilog.Core.Logger.None, dryRun: false);

    /// <summary>A compute node's config file (first compute node of the example cluster), as the compute component writes it.</summary>
    public static string RenderComputeNode(string template, Action<ClusterConfig>? change = null)
    {
        var ctx = Context(ExampleConfig(change));
        return ctx.Render(template, NodeConfigs.Model(ctx, ctx.Config.ComputeNodes[0]));
    }

    public static string RenderKeystone(Action<ClusterConfig> change, bool slave = true)
    {
        var ctx = Context(ExampleConfig(change));
        var db = new KeystoneInstaller().Service.Database!;
        var urls = new FakeDatabaseEngine().Urls(ctx.Config, ctx.Secrets, db);
        return KeystoneConf.Render(ctx, slave ? urls : urls with { SlaveConnection = null });
    }
}
