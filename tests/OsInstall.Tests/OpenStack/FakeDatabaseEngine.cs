using System.Collections.Concurrent;
using OsInstall.Common.Config;
using OsInstall.Common.Database;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Common.Secrets;

namespace OsInstall.Tests.OpenStack;

/// <summary>
/// The database API for OpenStack service tests until the postgres engine is merged: records what
/// it was asked (on which host) and builds postgres URLs the way the engine will (master through
/// the postgres VIP name, reads through haproxy).
/// </summary>
public sealed class FakeDatabaseEngine : IDatabaseEngine
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public Task EnsureDatabaseAsync(StepContext step, ServiceDatabase database)
    {
        Calls.Enqueue($"ensure {database.Name} {database.User} {database.PasswordSecret} on {step.Target.Name}");
        _ = step.Secrets.Get(database.PasswordSecret);
        return Task.CompletedTask;
    }

    public Task DropDatabaseAsync(StepContext step, ServiceDatabase database)
    {
        Calls.Enqueue($"drop {database.Name} {database.User} on {step.Target.Name}");
        return Task.CompletedTask;
    }

    public DatabaseUrls Urls(ClusterConfig config, SecretStore secrets, ServiceDatabase database)
    {
        var password = secrets.Get(database.PasswordSecret);
        return new DatabaseUrls(
            SqlAlchemyUrl.Build(SqlAlchemyUrl.Postgres, database.User, password, ClusterEndpoints.PostgresHost(config), database.Name),
            SqlAlchemyUrl.Build(SqlAlchemyUrl.Postgres, database.User, password, ClusterEndpoints.ApiHost(config), database.Name));
    }
}
