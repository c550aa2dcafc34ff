using System.Text.RegularExpressions;

namespace OsInstall.Common.Secrets;

/// <summary>
/// What the file or tool a secret lands in can hold, beyond the one line of printable text every
/// secret is: keepalived.conf takes a short plain token, named.conf and Ceph keyrings take base64,
/// rabbitmqctl trims the password it reads. Checked when the secrets file is read, so a value that
/// would land mangled stops the run with an error naming the secret (exit 2) before a host is touched.
/// </summary>
/// <param name="Requirement">What the value must be and why, completing "secret 'name' must be ...".</param>
/// <param name="Accepts">True when the value fits.</param>
public sealed partial record SecretFormat(string Requirement, Func<string, bool> Accepts)
{
    /// <summary>Standard base64: letters, digits, '+' and '/', a multiple of 4 with '=' padding, nothing else (no spaces).</summary>
    public static SecretFormat Base64 { get; } = new(
        "base64 (letters, digits, '+', '/' and '=' padding, no spaces)",
        v => v.Length % 4 == 0 && Base64Pattern().IsMatch(v));

    /// <summary>No whitespace at either end, for a tool that trims what it reads.</summary>
    public static SecretFormat Untrimmed(string tool) => new(
        $"without spaces at either end ({tool} trims them)",
        v => v.Length == 0 || (!char.IsWhiteSpace(v[0]) && !char.IsWhiteSpace(v[^1])));

    [GeneratedRegex("^[A-Za-z0-9+/]+={0,2}\\z")]
    private static partial Regex Base64Pattern();
}
