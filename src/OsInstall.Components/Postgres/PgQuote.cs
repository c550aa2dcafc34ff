namespace OsInstall.Components.Postgres;

/// <summary>
/// The one place values are quoted for PostgreSQL's own syntaxes: SQL string literals and
/// identifiers, postgresql.conf strings, libpq connection-string values and .pgpass fields.
/// (Values for a shell go through Sh.Quote.)
/// </summary>
public static class PgQuote
{
    /// <summary>'value' with ' doubled (standard_conforming_strings is on by default, so \ is literal).</summary>
    public static string Literal(string value)
    {
        Reject(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>"name" with " doubled.</summary>
    public static string Identifier(string value)
    {
        Reject(value);
        if (value.Length == 0)
        {
            throw new ArgumentException("an SQL identifier cannot be empty", nameof(value));
        }
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A postgresql.conf string value: '...' with ' doubled and \ escaped.</summary>
    public static string ConfString(string value)
    {
        Reject(value);
        return "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>A libpq keyword value: as it is when plain (a host name, a path), else '...' with \ and ' backslash-escaped.</summary>
    public static string ConninfoValue(string value)
    {
        Reject(value);
        if (value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/' or ':' or '@'))
        {
            return value;
        }
        return "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
    }

    /// <summary>A .pgpass field: : and \ backslash-escaped.</summary>
    public static string PgPassField(string value)
    {
        Reject(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(":", "\\:", StringComparison.Ordinal);
    }

    // A line break would end a .pgpass or postgresql.conf line, and a NUL ends a C string.
    private static void Reject(string value)
    {
        if (value.IndexOfAny(['\n', '\r', '\0']) >= 0)
        {
            throw new ArgumentException("a PostgreSQL value cannot hold a line break or NUL", nameof(value));
        }
    }
}
