using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Common.Targets;
using OsInstall.Common.OpenStack;
using OsInstall.Common.Shell;
using OsInstall.Common.Ubuntu;

namespace OsInstall.Components.Galera;

/// <summary>
/// What runs inside the members: the packages and the configuration of mariadb-1 before it is
/// snapshotted (so every clone has them), and each member's start, one after the other: the
/// first bootstraps the cluster, the others join it.
/// </summary>
public static class GaleraMembers
{
    public const string ConfigTemplate = "Galera/templates/galera.cnf.sbn";
    public const string RepoTemplate = "Galera/templates/mariadb.list.sbn";

    // Not *.sh.sbn: MSBuild takes "sh" for a culture and leaves such a file out of the assembly.
    public const string StartTemplate = "Galera/templates/start-member.sbn";

    /// <summary>Inside mariadb-1, before the snapshot: MariaDB's repository, the packages, the Galera config; a fresh server stopped and disabled (it starts once the cluster is formed).</summary>
    public static async Task ProvisionAsync(ComponentContext ctx, ContainerTarget target, CancellationToken ct)
    {
        await target.RunCheckedAsync(Apt.Install(Rsyslog.RsyslogConfigs.Packages(ctx.Config)), ct);
        await target.RunCheckedAsync(RepoKeyCommand(ctx), ct);
        await target.WriteFileAsync(GaleraSettings.RepoListPath, RenderRepo(ctx), ct);
        await target.RunCheckedAsync(Apt.Install(GaleraSettings.Packages), ct);
        await target.WriteFileAsync(GaleraSettings.ConfigPath, RenderConfig(ctx), ct);
        // The package started a server without Galera; a member that never joined is stopped for the snapshot.
        // Once it has been a member (grastate.dat) it is left alone: a rerun must not stop the cluster.
        await target.RunCheckedAsync($"[ -e {Sh.Quote(GaleraSettings.GrastatePath)} ] || {{ {GaleraSettings.Mariadb.StopAndDisable}; }}", ct);
    }

    /// <summary>Starts one member: bootstrap (member 1, once) or join, restart when its config changed, enabled at boot.</summary>
    public static async Task StartAsync(StepContext step, ContainerPlatform platform, ContainerMember member)
    {
        var ctx = step.Component;
        var target = new ContainerTarget(step.Target, member.Container, platform.Lxc);
        var changed = await target.WriteFileAsync(GaleraSettings.ConfigPath, RenderConfig(ctx), step.Cancellation);
        await target.RunCheckedAsync(RenderStart(ctx, member, changed), step.Cancellation);
        if (member.Index == 1)
        {
            var sql = GaleraSql.RootPassword(ctx, ctx.Secrets.Get(GaleraSettings.RootPasswordSecret));
            await GaleraSqlRunner.RunAsync(step, member, platform.Lxc, "root-password", sql);
        }
    }

    /// <summary>MariaDB's signing key, fetched once (an empty or missing key file is fetched again).</summary>
    public static string RepoKeyCommand(ComponentContext ctx)
    {
        var key = Sh.Quote(GaleraSettings.RepoKeyPath);
        var tmp = Sh.Quote(GaleraSettings.RepoKeyPath + ".tmp");
        return $"[ -s {key} ] || {{ mkdir -p /etc/apt/keyrings && " +
               $"{Sh.Join("curl", "-fsSL", ctx.Config.Versions.MariadbKeyUrl, "-o", GaleraSettings.RepoKeyPath + ".tmp")} && mv -f {tmp} {key}; }}";
    }

    public static string RenderRepo(ComponentContext ctx) => ctx.Render(RepoTemplate, new
    {
        Version = ctx.Config.Versions.Mariadb,
        Release = ctx.Config.Lxc.UbuntuRelease,
        Mirror = ctx.Config.Versions.MariadbMirror.TrimEnd('/'),
        KeyPath = GaleraSettings.RepoKeyPath,
    });

    public static string RenderConfig(ComponentContext ctx) => ctx.Render(ConfigTemplate, new
    {
        ClusterName = GaleraSettings.ClusterName,
        Provider = GaleraSettings.Provider,
        Members = ClusterEndpoints.MemberFqdns(ctx.Config, GaleraSettings.SetName),
        SstMethod = GaleraSettings.SstMethod,
        Port = GaleraSettings.Port,
    });

    public static string RenderStart(ComponentContext ctx, ContainerMember member, bool configChanged)
    {
        var service = GaleraSettings.Mariadb;
        return ctx.Render(StartTemplate, new
        {
            Member = member.Container,
            Bootstrap = member.Index == 1,
            ConfigChanged = configChanged,
            Grastate = Sh.Quote(GaleraSettings.GrastatePath),
            IsActive = service.IsActive,
            Start = service.StartIfStopped,
            Restart = service.Restart,
            Enable = service.Enable,
        });
    }
}
