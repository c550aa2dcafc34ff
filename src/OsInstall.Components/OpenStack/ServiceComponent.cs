using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Database;
using OsInstall.Common.Engine;

namespace OsInstall.Components.OpenStack;

/// <summary>
/// An <see cref="OpenStackComponent"/> whose database engine and container platform a caller may
/// give (tests on the simulated cluster); placement, glance and cinder derive from it.
/// </summary>
public abstract class ServiceComponent : OpenStackComponent
{
    private readonly Func<ComponentContext, ContainerPlatform>? platformFor;

    /// <param name="databaseEngine">The database engine (default: the one openstack.database selects).</param>
    /// <param name="platform">The container platform (default: the production OVN/rsyslog one).</param>
    protected ServiceComponent(Func<ClusterConfig, IDatabaseEngine>? databaseEngine, Func<ComponentContext, ContainerPlatform>? platform)
        : base(databaseEngine)
    {
        platformFor = platform;
    }

    protected override ContainerPlatform Platform(ComponentContext ctx) => platformFor?.Invoke(ctx) ?? base.Platform(ctx);
}
