using System.Security.Cryptography;
using OsInstall.Common.Database;
using OsInstall.Components.Postgres;

namespace OsInstall.Tests.Postgres;

/// <summary>
/// The SQL the component renders for every OpenStack database, run by the component's own code
/// (psql in a member, SQL on stdin, against the member found to be the master) on the real master.
/// </summary>
[Collection(ReplicaSetCollection.Name)]
public sealed class ServiceDatabaseTests(ReplicaSetFixture set)
{
    // Passwords as the secrets file has them, plus the characters SQL and URLs must survive.
    private static readonly Dictionary<string, string> Passwords = OpenStackDatabases.All
        .Select(d => d.PasswordSecret).Distinct()
        .ToDictionary(s => s, s => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)) + "'\"\\%:@;$x");

    [Fact]
    public async Task Every_service_database_is_created_twice_without_error_and_its_user_logs_in_and_creates_a_table()
    {
        set.EnsureUp();
        var local = set.Setup(2); // from a standby's member, as a service's controller may be
        foreach (var round in new[] { 1, 2 })
        {
            foreach (var db in OpenStackDatabases.All)
            {
                await PostgresDatabases.EnsureAsync(LoopbackPostgres.Templates, local, db, Passwords[db.PasswordSecret]);
            }
            Assert.True(round > 0);
        }
        foreach (var db in OpenStackDatabases.All)
        {
            var (exit, output) = LoopbackPostgres.PsqlAs(set.Master.Port, db.User, Passwords[db.PasswordSecret], db.Name,
                "create table if not exists osinstall_probe (id int); insert into osinstall_probe values (1); select current_user || '@' || current_database()");
            Assert.True(exit == 0, $"{db.User}@{db.Name}: {output}");
            Assert.EndsWith($"{db.User}@{db.Name}", output);
            Assert.Equal(db.User, LoopbackPostgres.Psql(set.Master, $"select pg_get_userbyid(datdba) from pg_database where datname = '{db.Name}'"));
        }
        // nova owns its three databases with one account.
        Assert.Equal("3", LoopbackPostgres.Psql(set.Master, "select count(*) from pg_database where pg_get_userbyid(datdba) = 'nova'"));
    }

    [Fact]
    public async Task A_changed_secret_becomes_the_new_password_and_the_old_one_stops_working()
    {
        set.EnsureUp();
        var db = new ServiceDatabase("osinstall_rotate", "osinstall_rotate", "osinstall_rotate_db_password");
        var local = set.Setup(1);
        await PostgresDatabases.EnsureAsync(LoopbackPostgres.Templates, local, db, "first-password");
        await PostgresDatabases.EnsureAsync(LoopbackPostgres.Templates, local, db, "second-password");
        Assert.NotEqual(0, LoopbackPostgres.PsqlAs(set.Master.Port, db.User, "first-password", db.Name, "select 1").Exit);
        Assert.Equal(0, LoopbackPostgres.PsqlAs(set.Master.Port, db.User, "second-password", db.Name, "select 1").Exit);
    }

    [Fact]
    public async Task Dropping_removes_the_database_and_its_owner_once_it_owns_no_other_database_and_can_run_again()
    {
        set.EnsureUp();
        var a = new ServiceDatabase("osinstall_drop_a", "osinstall_drop", "x");
        var b = new ServiceDatabase("osinstall_drop_b", "osinstall_drop", "x");
        var local = set.Setup(1);
        await PostgresDatabases.EnsureAsync(LoopbackPostgres.Templates, local, a, "pw-drop");
        await PostgresDatabases.EnsureAsync(LoopbackPostgres.Templates, local, b, "pw-drop");

        await PostgresDatabases.DropAsync(LoopbackPostgres.Templates, local, a);
        Assert.Equal("0", LoopbackPostgres.Psql(set.Master, "select count(*) from pg_database where datname = 'osinstall_drop_a'"));
        Assert.Equal("1", LoopbackPostgres.Psql(set.Master, "select count(*) from pg_roles where rolname = 'osinstall_drop'"));

        await PostgresDatabases.DropAsync(LoopbackPostgres.Templates, local, b);
        await PostgresDatabases.DropAsync(LoopbackPostgres.Templates, local, b);
        Assert.Equal("0", LoopbackPostgres.Psql(set.Master, "select count(*) from pg_database where datname like 'osinstall_drop_%'"));
        Assert.Equal("0", LoopbackPostgres.Psql(set.Master, "select count(*) from pg_roles where rolname = 'osinstall_drop'"));
    }

    /// <summary>
    /// A password with everything SQL, psql and libpq could take for syntax: quotes that end the
    /// literal followed by a statement, a comment, psql variables (:v, :'v'), a dollar quote, psql
    /// meta-commands (\gexec, \! runs a shell command), shell and format metacharacters, and leading
    /// and trailing spaces.
    /// </summary>
    internal const string HostilePassword =
        " " + OpenStack.OpenStackTestSecrets.HostilePayload + "'); CREATE ROLE osinstall_pwned; -- '' :v :'v' :\"v\" $$q$$ \\gexec \\! touch /tmp/osinstall-pwned-pg ";

    [Fact]
    public async Task A_hostile_password_is_exactly_the_users_password_and_runs_no_other_statement()
    {
        set.EnsureUp();
        var db = new ServiceDatabase("osinstall_hostile", "osinstall_hostile", "osinstall_hostile_db_password");
        var rolesBefore = Roles();
        var databasesBefore = LoopbackPostgres.Psql(set.Master, "select string_agg(datname, ',' order by datname) from pg_database");
        File.Delete("/tmp/osinstall-pwned-pg");

        await PostgresDatabases.EnsureAsync(LoopbackPostgres.Templates, set.Setup(1), db, HostilePassword);
        await PostgresDatabases.EnsureAsync(LoopbackPostgres.Templates, set.Setup(1), db, HostilePassword);

        var (exit, output) = LoopbackPostgres.PsqlAs(set.Master.Port, db.User, HostilePassword, db.Name, "select current_user");
        Assert.True(exit == 0, output);
        Assert.Equal(db.User, output);
        foreach (var wrong in new[] { HostilePassword.Trim(), HostilePassword[..HostilePassword.IndexOf('\'', StringComparison.Ordinal)] })
        {
            Assert.NotEqual(0, LoopbackPostgres.PsqlAs(set.Master.Port, db.User, wrong, db.Name, "select 1").Exit);
        }
        Assert.Equal(rolesBefore.Append(db.User).Order(StringComparer.Ordinal), Roles());
        Assert.Equal(
            string.Join(',', databasesBefore.Split(',').Append(db.Name).Order(StringComparer.Ordinal)),
            LoopbackPostgres.Psql(set.Master, "select string_agg(datname, ',' order by datname) from pg_database"));
        Assert.False(File.Exists("/tmp/osinstall-pwned-pg"), "a psql meta-command in the password ran a shell command");
    }

    /// <summary>libpq reads the password back from a .pgpass line written with <see cref="PgQuote.PgPassField"/>.</summary>
    [Fact]
    public async Task A_hostile_password_reads_back_from_a_pgpass_file()
    {
        set.EnsureUp();
        var db = new ServiceDatabase("osinstall_hostile_pgpass", "osinstall_hostile_pgpass", "x");
        var password = HostilePassword + ":*:\\:";
        await PostgresDatabases.EnsureAsync(LoopbackPostgres.Templates, set.Setup(1), db, password);
        var dir = Directory.CreateTempSubdirectory("osinstall-pgpass-");
        try
        {
            var pgpass = Path.Combine(dir.FullName, "pgpass");
            File.WriteAllText(pgpass, $"*:*:*:{db.User}:{PgQuote.PgPassField(password)}\n");
            File.SetUnixFileMode(pgpass, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var (exit, output) = LoopbackPostgres.PsqlWithPassFile(set.Master.Port, db.User, pgpass, db.Name, "select current_user");
            Assert.True(exit == 0, output);
            Assert.Equal(db.User, output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private string[] Roles() =>
        [.. LoopbackPostgres.Psql(set.Master, "select string_agg(rolname, ',' order by rolname) from pg_roles").Split(',').Order(StringComparer.Ordinal)];

    [Fact]
    public void The_rendered_sql_holds_the_password_only_as_one_quoted_literal()
    {
        var sql = PostgresFiles.ServiceDatabaseSql(LoopbackPostgres.Templates, OpenStackDatabases.Keystone, "it's");
        Assert.Contains("'it''s'", sql);
        Assert.DoesNotContain("'it's'", sql);
    }
}
