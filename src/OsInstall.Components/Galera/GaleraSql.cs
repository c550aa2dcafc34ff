using System.Text;
using System.Text.RegularExpressions;
using OsInstall.Common.Database;
using OsInstall.Common.Engine;

namespace OsInstall.Components.Galera;

/// <summary>
/// The SQL the galera component runs, rendered from its templates. Names become identifiers and
/// are checked; passwords go into string literals and are escaped for MariaDB's default sql_mode.
/// </summary>
public static partial class GaleraSql
{
    public const string ServiceDatabaseTemplate = "Galera/templates/service-database.sql.sbn";
    public const string DropServiceDatabaseTemplate = "Galera/templates/drop-service-database.sql.sbn";
    public const string RootPasswordTemplate = "Galera/templates/root-password.sql.sbn";

    public static string EnsureDatabase(ComponentContext ctx, ServiceDatabase database, string password) =>
        ctx.Render(ServiceDatabaseTemplate, new
        {
            Database = Identifier(database.Name),
            User = Identifier(database.User),
            Password = Literal(password),
            AccountHosts = GaleraSettings.AccountHosts,
        });

    public static string DropDatabase(ComponentContext ctx, ServiceDatabase database) =>
        ctx.Render(DropServiceDatabaseTemplate, new
        {
            Database = Identifier(database.Name),
            User = Identifier(database.User),
            AccountHosts = GaleraSettings.AccountHosts,
        });

    public static string RootPassword(ComponentContext ctx, string password) =>
        ctx.Render(RootPasswordTemplate, new { Password = Literal(password) });

    /// <summary>A database or account name: lower-case letters, digits and '_' (what OpenStack services use), so it needs no quoting.</summary>
    public static string Identifier(string name) =>
        PlainIdentifier().IsMatch(name) ? name : throw new ArgumentException($"'{name}' is not a database or user name osinstall creates", nameof(name));

    /// <summary>The inside of a '...' string literal: backslash and quote escaped, NUL refused.</summary>
    public static string Literal(string value)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("a NUL character cannot go into a SQL string", nameof(value));
        }
        var sb = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '\\' => "\\\\",
                '\'' => "\\'",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,63}$")]
    private static partial Regex PlainIdentifier();
}
