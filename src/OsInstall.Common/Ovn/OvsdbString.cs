using System.Text;

namespace OsInstall.Common.Ovn;

/// <summary>
/// Values for ovs-vsctl / ovn-nbctl "column:key=value" arguments: the ovsdb parser splits bare
/// values at ',', ':' and spaces, so a value that may hold them is written as a JSON-style string.
/// This is ovsdb's own syntax, not shell quoting (the whole argument still goes through Sh).
/// </summary>
public static class OvsdbString
{
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}
