using OsInstall.Common.Shell;

namespace OsInstall.Components.Postgres;

/// <summary>
/// The shell commands run inside a member (as root; the PostgreSQL tools as the OS user postgres).
/// Built here once, used by the steps, the rendered scripts and the tests (which run them for real
/// against loopback servers).
/// </summary>
public static class PostgresCommands
{
    public const string MasterPrefix = "master=";
    public const string StandbyOfMaster = "standby-of-master=yes";
    public const string Changed = "osinstall:changed";

    /// <summary><paramref name="command"/> run by the OS user postgres.</summary>
    public static string AsPostgres(string command) => Sh.Join("su", "-s", "/bin/sh", PostgresSettings.OsUser, "-c", command);

    /// <summary>psql over the member's own socket as the superuser (peer authentication mapped for root and postgres: no password).</summary>
    public static string LocalPsql(PostgresSettings s, params string[] extra) =>
        Sh.Join([s.Bin("psql"), "-X", "-A", "-t", "-q", "-w", "-v", "ON_ERROR_STOP=1", "-h", s.SocketDir, "-p", s.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", PostgresSettings.Superuser, "-d", "postgres", .. extra]);

    /// <summary>psql to another server over TCP as the superuser, the password from the .pgpass file.</summary>
    public static string RemotePsql(PostgresSettings s, string host, int port, params string[] extra) =>
        $"PGPASSFILE={Sh.Quote(s.PgPassFile)} PGCONNECT_TIMEOUT=5 " +
        Sh.Join([s.Bin("psql"), "-X", "-A", "-t", "-q", "-w", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", PostgresSettings.Superuser, "-d", "postgres", .. extra]);

    public static string RecoveryQuery(PostgresSettings s) => LocalPsql(s, "-c", "select pg_is_in_recovery()");

    public static string WaitReady(PostgresSettings s) =>
        Sh.Join(s.Bin("pg_isready"), "-q", "-t", "60", "-h", s.SocketDir, "-p", s.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Creates the database cluster unless the data directory has one; prints <see cref="Changed"/> when it did.</summary>
    public static string InitDb(PostgresSettings s) =>
        $"[ -f {Sh.Quote(s.DataDir + "/PG_VERSION")} ] || {{ " +
        AsPostgres(Sh.Join(s.Bin("initdb"), "-D", s.DataDir, "-U", PostgresSettings.Superuser, "-E", "UTF8", "--locale=C",
            "--auth-local=peer", "--auth-host=scram-sha-256")) +
        $" && echo {Changed}; }}";

    /// <summary>
    /// Links the data directory's postgresql.conf to the variant of the member's role (standby.signal
    /// present: standby) and pg_hba.conf to ours; prints <see cref="Changed"/> when a link changed.
    /// </summary>
    public static string LinkConfig(PostgresSettings s)
    {
        var conf = Sh.Quote(s.DataDir + "/postgresql.conf");
        string Link(string target, string link) =>
            $"if [ \"$(readlink {Sh.Quote(link)})\" != {Sh.Quote(target)} ]; then ln -sfn {Sh.Quote(target)} {Sh.Quote(link)} && echo {Changed}; fi; ";
        return $"if [ -f {Sh.Quote(s.StandbySignal)} ]; then c={Sh.Quote(s.SlaveConf)}; else c={Sh.Quote(s.MasterConf)}; fi; " +
               $"if [ \"$(readlink {conf})\" != \"$c\" ]; then ln -sfn \"$c\" {conf} && echo {Changed}; fi; " +
               Link(s.HbaConf, s.DataDir + "/pg_hba.conf") + Link(s.IdentConf, s.DataDir + "/pg_ident.conf") + "true";
    }

    /// <summary>Prints one line master=host:port for every member that answers as a writable server.</summary>
    public static string LocateMaster(PostgresSettings s, IEnumerable<PostgresPeer> peers) =>
        AsPostgres(string.Join("; ", peers.Select(p =>
            $"[ \"$({RemotePsql(s, p.Host, p.Port, "-c", "select pg_is_in_recovery()")} 2>/dev/null)\" = f ] && echo {Sh.Quote(MasterPrefix + p.Endpoint)}"))
            + "; true");

    /// <summary>
    /// Prints <see cref="StandbyOfMaster"/> when the data directory is a standby (standby.signal) of
    /// the master's database cluster (same system identifier).
    /// </summary>
    public static string CheckStandbyOf(PostgresSettings s, PostgresPeer master) =>
        AsPostgres(
            $"[ -f {Sh.Quote(s.StandbySignal)} ] && " +
            $"l=$(LC_ALL=C {Sh.Join(s.Bin("pg_controldata"), "-D", s.DataDir)} | sed -n 's/^Database system identifier: *//p') && " +
            $"r=$({RemotePsql(s, master.Host, master.Port, "-c", "select system_identifier from pg_control_system()")}) && " +
            $"[ -n \"$l\" ] && [ \"$l\" = \"$r\" ] && echo {StandbyOfMaster}; true");

    /// <summary>The connection string of a replication or admin connection to <paramref name="host"/> (password from the .pgpass file).</summary>
    public static string Conninfo(PostgresSettings s, string host, int port) =>
        $"host={PgQuote.ConninfoValue(host)} port={port} user={PostgresSettings.Superuser} passfile={PgQuote.ConninfoValue(s.PgPassFile)}";

    /// <summary>Replaces the data directory by a base backup of <paramref name="host"/> streamed through the member's slot, marked as a standby.</summary>
    public static string BaseBackup(PostgresSettings s, string host, int port, string slot) =>
        AsPostgres(
            $"rm -rf {Sh.Quote(s.DataDir)} && " +
            Sh.Join(s.Bin("pg_basebackup"), "-w", "-X", "stream", "-S", slot, "-d", Conninfo(s, host, port), "-D", s.DataDir) +
            $" && touch {Sh.Quote(s.StandbySignal)}");

    public static string MarkStandby(PostgresSettings s) => AsPostgres($"touch {Sh.Quote(s.StandbySignal)}");

    public static string Rewind(PostgresSettings s, string host, int port) =>
        AsPostgres(Sh.Join(s.Bin("pg_rewind"), "-D", s.DataDir, "--source-server=" + Conninfo(s, host, port) + " dbname=postgres"));

    /// <summary>pg_ctl promote (as the OS user postgres: pg_ctl refuses root).</summary>
    public static string Promote(PostgresSettings s) => AsPostgres(Sh.Join(s.Bin("pg_ctl"), "promote", "-w", "-t", "60", "-D", s.DataDir));

    /// <summary>psql reading SQL on stdin, against the local server (<paramref name="master"/> null) or the master over TCP.</summary>
    public static string PsqlStdin(PostgresSettings s, PostgresPeer? master) =>
        AsPostgres(master is null ? LocalPsql(s, "-f", "-") : RemotePsql(s, master.Host, master.Port, "-f", "-"));

    /// <summary>
    /// One line per fact, for the health check: in_recovery=t|f, standby_signal=yes|no and, on a
    /// master, sync_standbys=N (standbys whose commits it waits for: sync or quorum).
    /// </summary>
    public static string Health(PostgresSettings s) =>
        $"if [ -f {Sh.Quote(s.StandbySignal)} ]; then echo standby_signal=yes; else echo standby_signal=no; fi; " +
        $"r=$({RecoveryQuery(s)}) && echo \"in_recovery=$r\" && if [ \"$r\" = f ]; then " +
        $"echo \"sync_standbys=$({LocalPsql(s, "-c", "select count(*) from pg_stat_replication where sync_state in ('sync', 'quorum')")})\"; fi";
}
