using OsInstall.Common.Database;
using OsInstall.Components.Galera;

namespace OsInstall.Tests.Galera;

/// <summary>
/// The SQL the galera engine renders for a service database and for root, run against a real
/// MariaDB server (see <see cref="MariadbServerFixture"/>) exactly as it reaches a member: as
/// socket-authenticated root, on the client's standard input. Galera replicates these statements
/// to every member; what they do is the same on one server.
/// </summary>
public sealed class GaleraSqlServerTests(MariadbServerFixture server) : IClassFixture<MariadbServerFixture>
{
    private static readonly ServiceDatabase Keystone = new("keystone", "keystone", "keystone_db_password");

    [Fact]
    public async Task The_service_database_sql_runs_twice_and_the_service_user_logs_in_with_its_secret_and_owns_its_database()
    {
        var ctx = GaleraTestContext.Context();
        var password = ctx.Secrets.Get(Keystone.PasswordSecret);
        var sql = GaleraSql.EnsureDatabase(ctx, Keystone, password);

        Must(await server.RunAsRootAsync(sql));
        Must(await server.RunAsRootAsync(sql));

        var who = Must(await server.RunAsAsync("keystone", password, "SELECT DATABASE();", "keystone"));
        Assert.Equal("keystone", who.Output.Trim());
        Must(await server.RunAsAsync("keystone", password, "CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY); INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE id = 1;", "keystone"));
        Assert.False((await server.RunAsAsync("keystone", "wrong-password", "SELECT 1;")).Succeeded);
        // Only its own database: the mysql schema stays closed to it.
        Assert.False((await server.RunAsAsync("keystone", password, "SELECT COUNT(*) FROM mysql.global_priv;")).Succeeded);
    }

    [Fact]
    public async Task A_changed_secret_becomes_the_password_on_the_next_run_and_drop_removes_database_and_user_twice()
    {
        var db = new ServiceDatabase("glance", "glance", "glance_db_password");
        var ctx = GaleraTestContext.Context();
        Must(await server.RunAsRootAsync(GaleraSql.EnsureDatabase(ctx, db, "first-password")));
        Must(await server.RunAsRootAsync(GaleraSql.EnsureDatabase(ctx, db, "second-" + GaleraTestContext.AwkwardPassword)));

        Assert.False((await server.RunAsAsync("glance", "first-password", "SELECT 1;")).Succeeded);
        Must(await server.RunAsAsync("glance", "second-" + GaleraTestContext.AwkwardPassword, "SELECT 1;", "glance"));

        Must(await server.RunAsRootAsync(GaleraSql.DropDatabase(ctx, db)));
        Must(await server.RunAsRootAsync(GaleraSql.DropDatabase(ctx, db)));
        Assert.False((await server.RunAsAsync("glance", "second-" + GaleraTestContext.AwkwardPassword, "SELECT 1;")).Succeeded);
        var left = Must(await server.RunAsRootAsync("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = 'glance'; SELECT COUNT(*) FROM mysql.user WHERE user = 'glance';"));
        Assert.Equal(["COUNT(*)", "0", "COUNT(*)", "0"], left.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Root_gets_the_generated_password_and_keeps_its_socket_login()
    {
        var ctx = GaleraTestContext.Context();
        var password = ctx.Secrets.Get(GaleraSettings.RootPasswordSecret);
        var sql = GaleraSql.RootPassword(ctx, password);

        Must(await server.RunAsRootAsync(sql));
        Must(await server.RunAsRootAsync(sql));

        Must(await server.RunAsAsync("root", password, "SELECT 1;"));
        Assert.False((await server.RunAsAsync("root", "not-" + password, "SELECT 1;")).Succeeded);
        Must(await server.RunAsRootAsync("SELECT 1;"));
    }

    /// <summary>
    /// A password with everything SQL and the mariadb client could take for syntax: a quote that ends
    /// the literal followed by a statement and a comment, backslash escapes (\' \\), the client's
    /// commands (\! runs a shell command, \c, \G, delimiter), backticks, LIKE wildcards, shell and
    /// format metacharacters, and leading and trailing spaces.
    /// </summary>
    private const string HostilePassword =
        " " + OpenStack.OpenStackTestSecrets.HostilePayload + "'); CREATE USER osinstall_pwned; -- \\' \\\\ \\! touch /tmp/osinstall-pwned-my \\c \\G delimiter // `x` _% /* ";

    [Fact]
    public async Task A_hostile_password_is_exactly_the_service_users_password_and_runs_no_other_statement()
    {
        var db = new ServiceDatabase("osinstall_hostile", "osinstall_hostile", "osinstall_hostile_db_password");
        var ctx = GaleraTestContext.Context();
        File.Delete("/tmp/osinstall-pwned-my");
        var accountsBefore = await AccountsAsync();
        var schemasBefore = await SchemasAsync();

        Must(await server.RunAsRootAsync(GaleraSql.EnsureDatabase(ctx, db, HostilePassword)));
        Must(await server.RunAsRootAsync(GaleraSql.EnsureDatabase(ctx, db, HostilePassword)));

        var who = Must(await server.RunAsAsync(db.User, HostilePassword, "SELECT CURRENT_USER();", db.Name));
        Assert.StartsWith(db.User + "@", who.Output.Trim(), StringComparison.Ordinal);
        Assert.False((await server.RunAsAsync(db.User, HostilePassword.Trim(), "SELECT 1;")).Succeeded);
        Assert.Equal(accountsBefore.Concat(GaleraSettings.AccountHosts.Select(h => $"{db.User}@{h}")).Order(StringComparer.Ordinal), await AccountsAsync());
        Assert.Equal(schemasBefore.Append(db.Name).Order(StringComparer.Ordinal), await SchemasAsync());
        Assert.False(File.Exists("/tmp/osinstall-pwned-my"), "a client command in the password ran a shell command");
        Must(await server.RunAsRootAsync(GaleraSql.DropDatabase(ctx, db)));
    }

    [Fact]
    public async Task A_hostile_root_password_is_exactly_roots_password()
    {
        var ctx = GaleraTestContext.Context();
        var accountsBefore = await AccountsAsync();

        Must(await server.RunAsRootAsync(GaleraSql.RootPassword(ctx, HostilePassword)));

        Must(await server.RunAsAsync("root", HostilePassword, "SELECT 1;"));
        Assert.False((await server.RunAsAsync("root", HostilePassword.Trim(), "SELECT 1;")).Succeeded);
        Must(await server.RunAsRootAsync("SELECT 1;"));
        Assert.Equal(accountsBefore, await AccountsAsync());
    }

    private async Task<string[]> AccountsAsync() =>
        Lines(Must(await server.RunAsRootAsync("SELECT CONCAT(user, '@', host) FROM mysql.user;")).Output);

    private async Task<string[]> SchemasAsync() =>
        Lines(Must(await server.RunAsRootAsync("SELECT schema_name FROM information_schema.schemata;")).Output);

    // --batch output: a header line, then one value a line.
    private static string[] Lines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).Order(StringComparer.Ordinal)];

    private static Rsyslog.ExternalTool.Result Must(Rsyslog.ExternalTool.Result r)
    {
        Assert.True(r.Succeeded, r.Output);
        return r;
    }
}
