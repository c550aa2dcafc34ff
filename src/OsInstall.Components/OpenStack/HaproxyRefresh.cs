using OsInstall.Common.Engine;
using OsInstall.Components.Haproxy;

namespace OsInstall.Components.OpenStack;

/// <summary>
/// THE place where an OpenStack service asks haproxy to regenerate its config from the installed
/// components' <see cref="IComponent.Backends"/> (at the end of install, before keystone is asked
/// anything through the VIP, and at the end of uninstall): the haproxy component's refresh phase,
/// which validates the new file in each haproxy container and reloads without downtime, and has
/// no steps while haproxy is not installed.
/// </summary>
public static class HaproxyRefresh
{
    /// <param name="ctx">The running component's context.</param>
    /// <param name="component">The service being installed or removed (not yet/still in ctx.InstalledComponents).</param>
    /// <param name="removing">True at the end of uninstall: the component's backends go away.</param>
    public static IEnumerable<Phase> Phases(ComponentContext ctx, IComponent component, bool removing)
    {
        var phase = HaproxyFrontends.RefreshPhase(ctx, component, installed: !removing);
        if (phase.Steps.Count > 0)
        {
            yield return phase;
        }
    }
}
