using OsInstall.Common.Alpine;
using OsInstall.Common.Config;

namespace OsInstall.Components.Postgres;

/// <summary>
/// Where PostgreSQL lives in a member and how it listens: Alpine's paths for the configured major
/// version in production; the tests aim the same templates and commands at temp dirs and loopback ports.
/// </summary>
public sealed record PostgresSettings
{
    public const int DefaultPort = 5432;

    /// <summary>The superuser; it is also the replication user (its password is the postgres_password secret).</summary>
    public const string Superuser = "postgres";

    public const string OsUser = "postgres";

    public required string Version { get; init; }

    /// <summary>Directory of postgres, pg_ctl, psql, pg_basebackup, ...</summary>
    public required string BinDir { get; init; }

    public required string DataDir { get; init; }

    /// <summary>Where postgresql.master, postgresql.slave, pg_hba.conf and the keepalived scripts live (root-owned, as keepalived's script security wants).</summary>
    public required string ConfDir { get; init; }

    public required string SocketDir { get; init; }

    public int Port { get; init; } = DefaultPort;

    public string ListenAddresses { get; init; } = "*";

    /// <summary>The OS user's password file (mode 0600) every replication and admin connection reads.</summary>
    public required string PgPassFile { get; init; }

    /// <summary>Syslog facility of the server's log (the one rsyslog writes to postgres.log).</summary>
    public string SyslogFacility { get; init; } = "local2";

    /// <summary>How the server is started and stopped (OpenRC in a member; pg_ctl in the tests).</summary>
    public required PostgresService Service { get; init; }

    public string MasterConf => $"{ConfDir}/postgresql.master";
    public string SlaveConf => $"{ConfDir}/postgresql.slave";
    public string HbaConf => $"{ConfDir}/pg_hba.conf";
    public string IdentConf => $"{ConfDir}/pg_ident.conf";
    public string CheckScript => $"{ConfDir}/check_postgres.sh";
    public string PromoteScript => $"{ConfDir}/promote.sh";
    public string DemoteScript => $"{ConfDir}/demote.sh";
    public string StandbySignal => $"{DataDir}/standby.signal";

    public string Bin(string tool) => $"{BinDir}/{tool}";

    public static PostgresSettings FromConfig(ClusterConfig config)
    {
        var version = config.Versions.Postgres.Trim();
        return new PostgresSettings
        {
            Version = version,
            BinDir = $"/usr/libexec/postgresql{version}",
            DataDir = $"/var/lib/postgresql/{version}/data",
            ConfDir = "/etc/postgresql",
            SocketDir = "/run/postgresql",
            PgPassFile = "/var/lib/postgresql/.pgpass",
            SyslogFacility = FacilityOf(config, "postgres.log", "local2"),
            Service = PostgresService.OpenRc(new OpenRcService(PostgresFiles.ServiceName)),
        };
    }

    /// <summary>The facility the config sends to <paramref name="file"/> on the collectors, else <paramref name="fallback"/>.</summary>
    internal static string FacilityOf(ClusterConfig config, string file, string fallback) =>
        config.Rsyslog.Facilities.FirstOrDefault(kv => string.Equals(kv.Value.Trim(), file, StringComparison.Ordinal)).Key?.Trim() ?? fallback;
}

/// <summary>The commands that bring the server to a state, each check-then-act.</summary>
public sealed record PostgresService(string Enable, string StartIfStopped, string Restart, string StopIfStarted)
{
    public string Run(bool changed) => changed ? Restart : StartIfStopped;

    public static PostgresService OpenRc(OpenRcService service) =>
        new(service.Enable, service.StartIfStopped, service.Restart, service.StopIfStarted);
}
