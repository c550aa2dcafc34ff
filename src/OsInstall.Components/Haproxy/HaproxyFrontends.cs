using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Components.Haproxy;

/// <summary>
/// haproxy.cfg generated from what is installed: the frontends and backends of every component
/// of the configured order that is installed (<see cref="IComponent.Backends"/>), rendered from
/// Haproxy/templates/haproxy.cfg.sbn, validated by haproxy inside each container before it replaces
/// the live file, and reloaded without downtime (master-worker mode: the master hands the
/// listening sockets to the new workers; old workers finish their connections).
/// </summary>
public static class HaproxyFrontends
{
    private static readonly FileSpec ConfSpec = new("0640", "root", "haproxy");

    /// <summary>
    /// The phase a component that declares <see cref="IComponent.Backends"/> returns at the END of its
    /// Install (<paramref name="installed"/> true) and of its Uninstall (false), e.g.
    /// <code>yield return HaproxyFrontends.RefreshPhase(ctx, this, installed: true);</code>
    /// One step per haproxy member (haproxy-1.. on controller-1..), in parallel. Each step renders
    /// haproxy.cfg for the installed components (<see cref="ComponentContext.InstalledComponents"/>)
    /// with <paramref name="changed"/> added (installed) or left out (uninstalled), and, only when
    /// that differs from the member's live haproxy.cfg, writes it beside the live file, checks it with
    /// <c>haproxy -c -f</c> inside the container (a rejected file fails the step and is removed; the live
    /// file and the running haproxy stay as they were), moves it over the live file and reloads haproxy
    /// (<c>rc-service haproxy reload</c>: seamless). A member whose file is current is only reloaded when
    /// an earlier, interrupted run left the file newer than the running configuration. When haproxy
    /// itself is not installed the phase has no steps (haproxy renders everything installed when it is
    /// installed later). Step ids are "haproxy-frontends:haproxy-N@controller-N".
    /// </summary>
    public static Phase RefreshPhase(ComponentContext ctx, IComponent changed, bool installed)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(changed);
        const string name = "haproxy-frontends";
        if (!ctx.InstalledComponents.Contains(HaproxySettings.ComponentName) || changed.Name == HaproxySettings.ComponentName)
        {
            return new Phase(name, []);
        }
        var lxc = ContainerPlatforms.For(ctx).Lxc;
        var steps = ContainerSet.Members(ctx.Config, ClusterEndpoints.HaproxySet)
            .Select(m => new Step($"{name}:{m.Container}@{m.Host}", m.Host, async step =>
            {
                var target = new ContainerTarget(step.Target, m.Container, lxc);
                var conf = Render(step.Component, Backends(step.Config, step.Component.InstalledComponents, changed, installed));
                await ApplyAsync(target, conf, step.Cancellation).ConfigureAwait(false);
            }))
            .ToList();
        return new Phase(name, steps);
    }

    /// <summary>
    /// The backends haproxy serves: those of every component of the configured order that is in
    /// <paramref name="installedComponents"/>, with <paramref name="changed"/> (which need not be in the
    /// catalog) added when <paramref name="changedInstalled"/> and left out otherwise; in install order.
    /// </summary>
    public static IReadOnlyList<ServiceBackend> Backends(ClusterConfig config, IReadOnlySet<string> installedComponents,
        IComponent? changed = null, bool changedInstalled = true)
    {
        var components = ComponentCatalog.ForConfig(config)
            .Where(c => c.Name != changed?.Name && installedComponents.Contains(c.Name))
            .ToList();
        if (changed is not null && changedInstalled)
        {
            components.Add(changed);
        }
        return components.OrderBy(c => c.Order).ThenBy(c => c.Name, StringComparer.Ordinal)
            .SelectMany(c => c.Backends(config))
            .ToList();
    }

    /// <summary>haproxy.cfg for these backends.</summary>
    public static string Render(ComponentContext ctx, IEnumerable<ServiceBackend> backends) =>
        ctx.Render("Haproxy/templates/haproxy.cfg.sbn", new { Conf = HaproxyConfModel.For(ctx.Config, backends) });

    /// <summary>
    /// Makes <paramref name="conf"/> the member's live haproxy.cfg (validated first) and haproxy run
    /// with it: reloaded when the file changed or is newer than what haproxy loaded, started when
    /// stopped. Returns whether the live file changed.
    /// </summary>
    public static async Task<bool> ApplyAsync(ITarget member, string conf, CancellationToken ct)
    {
        var changed = await ReplaceValidatedAsync(member, conf, ct).ConfigureAwait(false);
        await member.RunCheckedAsync(ReloadCommand(changed), ct).ConfigureAwait(false);
        return changed;
    }

    /// <summary>Writes <paramref name="conf"/> as the live haproxy.cfg if it differs, after haproxy accepted it. Returns whether it changed.</summary>
    public static async Task<bool> ReplaceValidatedAsync(ITarget member, string conf, CancellationToken ct)
    {
        if (await member.ReadFileAsync(HaproxySettings.ConfPath, ct).ConfigureAwait(false) == conf)
        {
            return false;
        }
        await member.WriteFileAsync(HaproxySettings.CandidatePath, conf, ConfSpec, ct).ConfigureAwait(false);
        await member.RunCheckedAsync(ValidateAndReplaceCommand, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>haproxy -c on the candidate; on success it replaces the live file, on failure it is removed and the command fails with haproxy's message.</summary>
    public static string ValidateAndReplaceCommand
    {
        get
        {
            var candidate = Sh.Quote(HaproxySettings.CandidatePath);
            return $"if {Sh.Join("haproxy", "-c", "-f", HaproxySettings.CandidatePath)}; " +
                   $"then {Sh.Join("mv", "-f", HaproxySettings.CandidatePath, HaproxySettings.ConfPath)}; " +
                   $"else rm -f {candidate}; exit 1; fi";
        }
    }

    /// <summary>
    /// Reload a running haproxy when the config changed, or when the live file is newer than the
    /// marker the init script touches at each (re)load (an earlier run replaced it and stopped before
    /// reloading); then start it if it is stopped.
    /// </summary>
    public static string ReloadCommand(bool changed)
    {
        var reload = Sh.Join("rc-service", "--ifstarted", HaproxySettings.ServiceName, "reload");
        var conf = Sh.Quote(HaproxySettings.ConfPath);
        var marker = Sh.Quote(HaproxySettings.LoadedMarker);
        var start = Sh.Join("rc-service", "--ifnotstarted", HaproxySettings.ServiceName, "start");
        return changed
            ? $"{reload} && {start}"
            : $"{{ if [ ! -e {marker} ] || [ -n \"$(find {conf} -newer {marker})\" ]; then {reload}; fi; }} && {start}";
    }
}
