using OsInstall.Common.Config;
using OsInstall.Common.Database;
using OsInstall.Common.Engine;

namespace OsInstall.Components.OpenStack;

/// <summary>
/// The one place OpenStack services find the database engine the config selects (openstack.database):
/// the registered component that implements <see cref="IDatabaseEngine"/> and is selected
/// (<see cref="IAlternativeComponent.SelectedBy"/>). It delegates to ComponentCatalog.DatabaseEngine.
/// </summary>
public static class DatabaseEngines
{
    public static IDatabaseEngine For(ClusterConfig config) => ComponentCatalog.DatabaseEngine(config);

    /// <summary>The secrets the engine needs to create a database (its superuser password), when it is a component.</summary>
    public static IEnumerable<string> SecretsOf(IDatabaseEngine engine, ClusterConfig config) =>
        engine is IComponent component ? component.RequiredSecrets(config) : [];
}
