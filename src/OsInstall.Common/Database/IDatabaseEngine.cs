using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Secrets;

namespace OsInstall.Common.Database;

/// <summary>
/// The database API later components call (implemented by the postgres and galera components; the
/// config selects one): create or drop a service's database and account, and the URLs the service
/// connects with. Both calls are check-then-act and run from a step on a controller (the engine
/// reaches its own containers from there).
/// </summary>
public interface IDatabaseEngine
{
    /// <summary>Ensures the database and its owner exist, the owner's password is the secret's value, and it has all rights on it.</summary>
    Task EnsureDatabaseAsync(StepContext step, ServiceDatabase database);

    /// <summary>Drops the database and its owner if they exist.</summary>
    Task DropDatabaseAsync(StepContext step, ServiceDatabase database);

    /// <summary>The SQLAlchemy URLs of the database (built by <see cref="SqlAlchemyUrl"/>).</summary>
    DatabaseUrls Urls(ClusterConfig config, SecretStore secrets, ServiceDatabase database);
}
