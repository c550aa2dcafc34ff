namespace OsInstall.Common.Database;

/// <summary>
/// The one place SQLAlchemy URLs are built: dialect+driver://user:password@host/database, with the
/// user and password percent-encoded (a generated password may hold '@', ':' or '/').
/// </summary>
public static class SqlAlchemyUrl
{
    public const string Postgres = "postgresql+psycopg2";
    public const string MySql = "mysql+pymysql";

    public static string Build(string dialectDriver, string user, string password, string host, string database, string? query = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dialectDriver);
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        var url = $"{dialectDriver}://{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password)}@{host}/{Uri.EscapeDataString(database)}";
        return string.IsNullOrEmpty(query) ? url : $"{url}?{query}";
    }
}
