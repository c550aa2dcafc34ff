using System.Globalization;
using OsInstall.Common.Database;
using OsInstall.Common.Shell;
using OsInstall.Common.Templates;

namespace OsInstall.Components.Postgres;

/// <summary>Renders every file and SQL script of the postgres component from its templates.</summary>
public static class PostgresFiles
{
    public const string InitScriptPath = "/etc/init.d/postgresql";
    public const string ConfdPath = "/etc/conf.d/postgresql";
    public const string ServiceName = "postgresql";

    private const string Dir = "Postgres/templates/";

    public static string Conf(TemplateRenderer t, PostgresSettings s, PostgresTopology topology, PostgresPeer member, bool standby) =>
        Render(t, "postgresql.conf.sbn", new
        {
            s.Version,
            Member = member.Name,
            Standby = standby,
            ListenAddresses = PgQuote.ConfString(s.ListenAddresses),
            s.Port,
            SocketDir = PgQuote.ConfString(s.SocketDir),
            MaxReplicationSlots = Math.Max(3, topology.Peers.Count),
            SynchronousStandbyNames = PgQuote.ConfString(PostgresTopology.SynchronousStandbyNames),
            SyslogFacility = PgQuote.ConfString(s.SyslogFacility),
            PrimaryConninfo = PgQuote.ConfString(
                PostgresCommands.Conninfo(s, topology.PrimaryHost, topology.PrimaryPort) + $" application_name={PgQuote.ConninfoValue(member.Name)}"),
            PrimarySlotName = PgQuote.ConfString(member.SlotName),
        });

    public static string Hba(TemplateRenderer t, PostgresTopology topology) =>
        Render(t, "pg_hba.conf.sbn", new { topology.ReplicationAddresses, topology.ClientNetworks });

    public static string Ident(TemplateRenderer t) =>
        Render(t, "pg_ident.conf.sbn", new { OsUsers = new[] { "root", PostgresSettings.OsUser }, Superuser = PostgresSettings.Superuser });

    public static string PgPass(TemplateRenderer t, string password) =>
        Render(t, "pgpass.sbn", new { User = PostgresSettings.Superuser, Password = PgQuote.PgPassField(password) });

    public static string InitScript(TemplateRenderer t, PostgresSettings s) => Render(t, "postgresql.initd.sbn", ServiceModel(s));

    public static string Confd(TemplateRenderer t, PostgresSettings s) => Render(t, "postgresql.confd.sbn", ServiceModel(s));

    public static string CheckScript(TemplateRenderer t, PostgresSettings s) =>
        Render(t, "check_postgres.sbn", new { RecoveryQuery = PostgresCommands.RecoveryQuery(s) });

    public static string PromoteScript(TemplateRenderer t, PostgresSettings s) =>
        Render(t, "promote.sbn", new
        {
            WaitReady = PostgresCommands.WaitReady(s),
            RecoveryQuery = PostgresCommands.RecoveryQuery(s),
            Promote = PostgresCommands.Promote(s),
        });

    /// <summary>demote.sh of <paramref name="member"/>: it rewinds from (or backs up) the VIP's master and streams through its own slot.</summary>
    public static string DemoteScript(TemplateRenderer t, PostgresSettings s, PostgresTopology topology, PostgresPeer member)
    {
        var service = new Common.Alpine.OpenRcService(ServiceName);
        var parent = s.DataDir[..s.DataDir.LastIndexOf('/')];
        var name = s.DataDir[(s.DataDir.LastIndexOf('/') + 1)..];
        return Render(t, "demote.sbn", new
        {
            Member = member.Name,
            RecoveryQuery = PostgresCommands.RecoveryQuery(s),
            StopService = service.StopIfStarted,
            Rewind = PostgresCommands.Rewind(s, topology.PrimaryHost, topology.PrimaryPort),
            Archive = Sh.Join("tar", "-czf", $"/root/{member.Name}-data-before-demote.tar.gz", "-C", parent, name),
            BaseBackup = PostgresCommands.BaseBackup(s, topology.PrimaryHost, topology.PrimaryPort, member.SlotName),
            MarkStandby = PostgresCommands.MarkStandby(s),
            LinkConfig = "{ " + PostgresCommands.LinkConfig(s) + "; }",
            StartService = service.StartIfStopped,
        });
    }

    public static string SuperuserPasswordSql(TemplateRenderer t, string password) =>
        Render(t, "superuser-password.sql.sbn", new
        {
            UserIdentifier = PgQuote.Identifier(PostgresSettings.Superuser),
            Password = PgQuote.Literal(password),
        });

    public static string ReplicationSlotsSql(TemplateRenderer t, IEnumerable<string> slots) =>
        Render(t, "replication-slots.sql.sbn", new { Slots = slots.Select(PgQuote.Literal).ToList() });

    public static string ServiceDatabaseSql(TemplateRenderer t, ServiceDatabase db, string password) =>
        Render(t, "service-database.sql.sbn", DatabaseModel(db, password));

    public static string DropDatabaseSql(TemplateRenderer t, ServiceDatabase db) =>
        Render(t, "drop-database.sql.sbn", DatabaseModel(db, ""));

    private static object ServiceModel(PostgresSettings s) => new
    {
        s.Version,
        BinDir = Sh.Quote(s.BinDir),
        DataDir = Sh.Quote(s.DataDir),
        SocketDir = Sh.Quote(s.SocketDir),
        SyslogFacility = Sh.Quote(s.SyslogFacility),
    };

    private static object DatabaseModel(ServiceDatabase db, string password) => new
    {
        Database = db.Name,
        User = db.User,
        DatabaseLiteral = PgQuote.Literal(db.Name),
        DatabaseIdentifier = PgQuote.Identifier(db.Name),
        UserLiteral = PgQuote.Literal(db.User),
        UserIdentifier = PgQuote.Identifier(db.User),
        PasswordLiteral = PgQuote.Literal(password),
    };

    private static string Render(TemplateRenderer t, string file, object model) =>
        t.Render(Dir + file, new Dictionary<string, object?>(StringComparer.Ordinal) { ["m"] = model });

    internal static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
