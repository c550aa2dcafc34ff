using OsInstall.Common.Containers;
using OsInstall.Common.Database;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Common.Templates;

namespace OsInstall.Components.Postgres;

/// <summary>
/// The database API: SQL rendered from templates, run by psql in the postgres member on the step's
/// controller against the current master (the member that answers pg_is_in_recovery() = false).
/// The SQL, which holds the service's password, reaches psql on stdin, never on a command line.
/// </summary>
internal static class PostgresDatabases
{
    public static async Task EnsureAsync(StepContext step, ContainerPlatform platform, PostgresSettings settings, ServiceDatabase db)
    {
        var local = await LocalMemberAsync(step, platform, settings).ConfigureAwait(false);
        await EnsureAsync(step.Component.Templates, local, db, step.Secrets.Get(db.PasswordSecret)).ConfigureAwait(false);
    }

    public static async Task DropAsync(StepContext step, ContainerPlatform platform, PostgresSettings settings, ServiceDatabase db)
    {
        var local = await LocalMemberAsync(step, platform, settings).ConfigureAwait(false);
        await DropAsync(step.Component.Templates, local, db).ConfigureAwait(false);
    }

    /// <summary>Creates or updates <paramref name="db"/> on the master, from the member <paramref name="local"/>.</summary>
    public static async Task EnsureAsync(TemplateRenderer templates, PostgresMemberSetup local, ServiceDatabase db, string password)
    {
        var master = await local.LocateMasterAsync().ConfigureAwait(false);
        await local.Target.RunCheckedWithInputAsync(PostgresCommands.PsqlStdin(local.Settings, master),
            PostgresFiles.ServiceDatabaseSql(templates, db, password), $"database {db.Name}", local.Cancellation).ConfigureAwait(false);
    }

    public static async Task DropAsync(TemplateRenderer templates, PostgresMemberSetup local, ServiceDatabase db)
    {
        var master = await local.LocateMasterAsync().ConfigureAwait(false);
        await local.Target.RunCheckedWithInputAsync(PostgresCommands.PsqlStdin(local.Settings, master),
            PostgresFiles.DropDatabaseSql(templates, db), $"drop database {db.Name}", local.Cancellation).ConfigureAwait(false);
    }

    private static async Task<PostgresMemberSetup> LocalMemberAsync(StepContext step, ContainerPlatform platform, PostgresSettings settings)
    {
        var member = ContainerSet.Members(step.Config, ClusterEndpoints.PostgresSet).FirstOrDefault(m => m.Host == step.Target.Name)
            ?? throw new InvalidOperationException($"the database API runs on a controller (it has a postgres member); {step.Target.Name} is not one");
        var target = MemberTarget.InContainer(step.Target, member.Container, platform.Lxc);
        var topology = await PostgresSteps.TopologyAsync(step, platform, settings).ConfigureAwait(false);
        return new PostgresMemberSetup(step.Component.Templates, target, settings, topology, topology.Peer(member.Container),
            step.Secrets.Get(PostgresInstaller.PasswordSecret), step.Component.DryRun, step.Cancellation);
    }
}
