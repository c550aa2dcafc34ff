using OsInstall.Common.Engine;

namespace OsInstall.Components.OpenStack;

/// <summary>
/// THE place where an OpenStack service asks haproxy to regenerate its config from the installed
/// components' <see cref="IComponent.Backends"/> (at the end of install, before keystone is asked
/// anything through the VIP, and at the end of uninstall). The haproxy component provides the
/// refresh phase; until it is merged this yields nothing.
/// </summary>
public static class HaproxyRefresh
{
    /// <param name="ctx">The running component's context.</param>
    /// <param name="component">The service being installed or removed (not yet/still in ctx.InstalledComponents).</param>
    /// <param name="removing">True at the end of uninstall: the component's backends go away.</param>
    public static IEnumerable<Phase> Phases(ComponentContext ctx, IComponent component, bool removing)
    {
        // TODO(haproxy): yield return the haproxy component's refresh phase(s) here, e.g.
        // foreach (var p in HaproxyBackends.RefreshPhases(ctx, component, removing)) yield return p;
        _ = ctx;
        _ = component;
        _ = removing;
        yield break;
    }
}
