using OsInstall.Common.Config;
using OsInstall.Common.Database;
using OsInstall.Common.Engine;
using OsInstall.Common.Ovn;
using OsInstall.Common.Secrets;
using Serilog;

namespace OsInstall.Components.OpenStack;

/// <summary>
/// What lets an OpenStack service be planned by a dry run (`cluster install --dry-run`) before the
/// things it depends on exist: the OVN database that gives a container its address only answers
/// once ovn is installed, the database engine component may not be registered (it is another
/// component's), and a dry run may have no secrets file. Never used outside a dry run.
/// </summary>
public static class DryRunStandIns
{
    /// <summary>The secret, or in a dry run without it a visible placeholder (a real run fails with the store's message).</summary>
    public static string Secret(ComponentContext ctx, string name) =>
        ctx.Secrets.TryGet(name, out var value) ? value
        : ctx.DryRun ? $"MISSING-SECRET-{name}"
        : ctx.Secrets.Get(name);

    /// <summary>The network, planning a placeholder address for a container when the OVN database cannot answer a dry run.</summary>
    public static IContainerNetwork Network(IContainerNetwork network, ILogger log) => new PlannedNetwork(network, log);

    /// <summary>An engine that only plans: URLs naming no real host, database calls logged.</summary>
    public static IDatabaseEngine DatabaseEngine(ILogger log) => new PlannedDatabaseEngine(log);

    private sealed class PlannedNetwork(IContainerNetwork inner, ILogger log) : IContainerNetwork
    {
        public async Task<PortAddress> AttachAsync(string container, string chassisHost, CancellationToken ct = default)
        {
            try
            {
                return await inner.AttachAsync(container, chassisHost, ct).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                log.Information("dry run: the port of {Container} is planned with a placeholder address ({Reason})", container, e.Message);
                return new PortAddress($"<mac of {container}>", $"<address of {container}>");
            }
        }

        public Task<PortAddress?> AddressOfAsync(string container, CancellationToken ct = default) => inner.AddressOfAsync(container, ct);

        public Task<bool> DetachAsync(string container, CancellationToken ct = default) => inner.DetachAsync(container, ct);

        public Task AttachVirtualAsync(string name, string address, IReadOnlyList<string> parents, CancellationToken ct = default) =>
            inner.AttachVirtualAsync(name, address, parents, ct);
    }

    private sealed class PlannedDatabaseEngine(ILogger log) : IDatabaseEngine
    {
        public Task EnsureDatabaseAsync(StepContext step, ServiceDatabase database)
        {
            log.Information("dry run: no database engine component is registered; database {Database} (owner {User}) would be created", database.Name, database.User);
            return Task.CompletedTask;
        }

        public Task DropDatabaseAsync(StepContext step, ServiceDatabase database)
        {
            log.Information("dry run: no database engine component is registered; database {Database} would be dropped", database.Name);
            return Task.CompletedTask;
        }

        public DatabaseUrls Urls(ClusterConfig config, SecretStore secrets, ServiceDatabase database) =>
            new(SqlAlchemyUrl.Build(SqlAlchemyUrl.Postgres, database.User, "MISSING-DATABASE-ENGINE", "no-database-engine", database.Name), null);
    }
}
