using OsInstall.Common.Alpine;
using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;
using OsInstall.Components.Keepalived;

namespace OsInstall.Components.Postgres;

/// <summary>The install steps of the postgres component, on the cluster.</summary>
internal static class PostgresSteps
{
    /// <summary>The VRRP router id of the postgres VIP (haproxy's VIP has its own).</summary>
    public const int VirtualRouterId = 52;

    public const int Priority = 250;

    /// <summary>A member whose check fails (down or a standby) drops below every healthy master, as the original.</summary>
    public const int CheckWeight = -150;

    public const int CheckIntervalSeconds = 10;

    /// <summary>
    /// keepalived runs the scripts as root (root-owned, in a root-owned directory, as its script
    /// security wants); they reach the server as the superuser through pg_ident's map and run pg_ctl
    /// as postgres. (The original ran them as postgres; keepalived 2.2's config test kills itself on
    /// a non-root script user, so such a config could not be checked.)
    /// </summary>
    private const string ScriptUser = "root root";

    public static IReadOnlyList<string> Packages(PostgresSettings s) => [$"postgresql{s.Version}", $"postgresql{s.Version}-client", "keepalived"];

    /// <summary>Inside postgres-1 before its snapshot: the packages (every clone then has them) and the config directory.</summary>
    public static async Task ProvisionAsync(ComponentContext ctx, MemberTarget target, PostgresSettings settings)
    {
        _ = ctx;
        await target.RunCheckedAsync(Apk.Add(Packages(settings))).ConfigureAwait(false);
        await target.RunCheckedAsync(Sh.Join("mkdir", "-p", settings.ConfDir)).ConfigureAwait(false);
    }

    /// <summary>The VIP's virtual port on the internal switch, parents the three members, and its DNS name "postgres".</summary>
    public static Task AttachVipAsync(StepContext step, ContainerPlatform platform) =>
        platform.Network.AttachVirtualAsync(ClusterEndpoints.PostgresSet, step.Config.Vips.Postgres,
            ContainerSet.Members(step.Config, ClusterEndpoints.PostgresSet).Select(m => m.Container).ToList(), step.Cancellation);

    public static async Task MasterAsync(StepContext step, MemberTarget target, ContainerPlatform platform, PostgresSettings settings)
    {
        var setup = await SetupAsync(step, target, platform, settings).ConfigureAwait(false);
        var changed = await WriteServiceFilesAsync(step, target, settings).ConfigureAwait(false);
        changed |= await setup.WriteFilesAsync().ConfigureAwait(false);
        await setup.MasterAsync(changed).ConfigureAwait(false);
    }

    public static async Task StandbyAsync(StepContext step, MemberTarget target, ContainerPlatform platform, PostgresSettings settings)
    {
        var setup = await SetupAsync(step, target, platform, settings).ConfigureAwait(false);
        var changed = await WriteServiceFilesAsync(step, target, settings).ConfigureAwait(false);
        changed |= await setup.WriteFilesAsync().ConfigureAwait(false);
        await setup.StandbyAsync(changed).ConfigureAwait(false);
    }

    /// <summary>keepalived of one member: the VIP, unicast to the other members, the check script as track script, promote.sh on becoming master.</summary>
    public static async Task KeepalivedAsync(StepContext step, MemberTarget target, ContainerPlatform platform, PostgresSettings settings)
    {
        var topology = await TopologyAsync(step, platform, settings).ConfigureAwait(false);
        var peer = topology.Peer(target.Name);
        var instance = Instance(step.Config, topology, peer, settings);
        var facility = PostgresSettings.FacilityOf(step.Config, "keepalived.log", "daemon");
        await KeepalivedConfig.ApplyAsync(target, step.Component, instance, facility, step.Cancellation).ConfigureAwait(false);
    }

    public static KeepalivedInstance Instance(Common.Config.ClusterConfig config, PostgresTopology topology, PostgresPeer peer, PostgresSettings settings) =>
        new(config.Vips.Postgres, VirtualRouterId, config.Openstack.KeepalivedInterface, peer.Index == 1, Priority,
            topology.Others(peer).Select(p => p.Address).ToList(),
            new VrrpCheck("chk_postgres", settings.CheckScript, ScriptUser, CheckIntervalSeconds, CheckWeight))
        {
            NotifyMaster = new VrrpNotify(settings.PromoteScript, ScriptUser),
        };

    /// <summary>The members with their addresses on the internal network (from their OVN ports) and the VIP.</summary>
    public static async Task<PostgresTopology> TopologyAsync(StepContext step, ContainerPlatform platform, PostgresSettings settings)
    {
        var config = step.Config;
        var peers = new List<PostgresPeer>();
        foreach (var m in ContainerSet.Members(config, ClusterEndpoints.PostgresSet))
        {
            var address = await platform.Network.AddressOfAsync(m.Container, step.Cancellation).ConfigureAwait(false);
            var ip = address?.Ip
                ?? (step.Component.DryRun ? $"<address of {m.Container}>" : throw new InvalidOperationException($"{m.Container} has no address on the internal network"));
            peers.Add(new PostgresPeer(m.Container, m.Index, ip, config.Fqdn(m.Container), settings.Port));
        }
        return new PostgresTopology(peers, ClusterEndpoints.PostgresHost(config), settings.Port, [config.Networks.Internal.Cidr], config.Vips.Postgres);
    }

    private static async Task<PostgresMemberSetup> SetupAsync(StepContext step, MemberTarget target, ContainerPlatform platform, PostgresSettings settings)
    {
        var topology = await TopologyAsync(step, platform, settings).ConfigureAwait(false);
        return new PostgresMemberSetup(step.Component.Templates, target, settings, topology, topology.Peer(target.Name),
            step.Secrets.Get(PostgresInstaller.PasswordSecret), step.Component.DryRun, step.Cancellation);
    }

    private static async Task<bool> WriteServiceFilesAsync(StepContext step, MemberTarget target, PostgresSettings settings)
    {
        var t = step.Component.Templates;
        var changed = await target.WriteFileAsync(PostgresFiles.InitScriptPath, PostgresFiles.InitScript(t, settings), FileSpec.Executable, step.Cancellation).ConfigureAwait(false);
        changed |= await target.WriteFileAsync(PostgresFiles.ConfdPath, PostgresFiles.Confd(t, settings), FileSpec.Default, step.Cancellation).ConfigureAwait(false);
        return changed;
    }
}
