using OsInstall.Common.Config;
using OsInstall.Common.Database;
using OsInstall.Common.Engine;

namespace OsInstall.Components.OpenStack;

/// <summary>
/// The one place OpenStack services find the database engine the config selects (openstack.database):
/// the registered component that implements <see cref="IDatabaseEngine"/> and is selected
/// (<see cref="IAlternativeComponent.SelectedBy"/>). When ComponentCatalog.DatabaseEngine(config)
/// exists (postgres branch), this delegates to it.
/// </summary>
public static class DatabaseEngines
{
    public static IDatabaseEngine For(ClusterConfig config) =>
        ComponentCatalog.All.OfType<IDatabaseEngine>()
            .FirstOrDefault(e => e is not IAlternativeComponent alt || alt.SelectedBy(config))
        ?? throw new InvalidOperationException(
            $"no database engine component is registered for openstack.database = '{config.Openstack.Database}'");

    /// <summary>The secrets the engine needs to create a database (its superuser password), when it is a component.</summary>
    public static IEnumerable<string> SecretsOf(IDatabaseEngine engine, ClusterConfig config) =>
        engine is IComponent component ? component.RequiredSecrets(config) : [];
}
