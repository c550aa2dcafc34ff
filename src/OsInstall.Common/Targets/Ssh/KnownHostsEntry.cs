using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace OsInstall.Common.Targets.Ssh;

/// <summary>
/// One line of an OpenSSH known_hosts file: host patterns (plain with wildcards and negation,
/// or one hashed <c>|1|salt|hmac-sha1</c> name), key type and key blob. See sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT".
/// </summary>
public sealed class KnownHostsEntry
{
    private const string HashMagic = "|1|";

    private readonly string[] patterns;
    private readonly byte[]? salt;
    private readonly byte[]? hash;

    private KnownHostsEntry(int line, string? marker, string[] patterns, byte[]? salt, byte[]? hash, string keyType, byte[] key)
    {
        Line = line;
        Marker = marker;
        this.patterns = patterns;
        this.salt = salt;
        this.hash = hash;
        KeyType = keyType;
        Key = key;
    }

    /// <summary>1-based line number in the file.</summary>
    public int Line { get; }

    /// <summary><c>@revoked</c>, <c>@cert-authority</c> or null.</summary>
    public string? Marker { get; }

    public string KeyType { get; }

    /// <summary>The public key blob (SSH wire format), as SSH.NET hands it to HostKeyReceived.</summary>
    public byte[] Key { get; }

    public bool IsHashed => hash is not null;

    /// <summary>Parses one line; null for comments, blank lines and lines that are not a host key.</summary>
    public static KnownHostsEntry? Parse(string text, int line)
    {
        var fields = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0 || fields[0].StartsWith('#'))
        {
            return null;
        }
        string? marker = null;
        if (fields[0].StartsWith('@'))
        {
            marker = fields[0];
            fields = fields[1..];
        }
        if (fields.Length < 3)
        {
            return null;
        }
        byte[] key;
        try
        {
            key = Convert.FromBase64String(fields[2]);
        }
        catch (FormatException)
        {
            return null;
        }
        if (fields[0].StartsWith(HashMagic, StringComparison.Ordinal))
        {
            var parts = fields[0][HashMagic.Length..].Split('|');
            try
            {
                return parts.Length == 2
                    ? new KnownHostsEntry(line, marker, [], Convert.FromBase64String(parts[0]), Convert.FromBase64String(parts[1]), fields[1], key)
                    : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
        return new KnownHostsEntry(line, marker, fields[0].Split(','), null, null, fields[1], key);
    }

    /// <summary>The hashed form OpenSSH writes with HashKnownHosts: <c>|1|base64(salt)|base64(hmac-sha1(salt, name))</c>.</summary>
    [SuppressMessage("Security", "CA5350", Justification = "HMAC-SHA1 is what OpenSSH's hashed known_hosts format is defined with.")]
    public static string HashName(string name, byte[] salt) =>
        $"{HashMagic}{Convert.ToBase64String(salt)}|{Convert.ToBase64String(HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name.ToLowerInvariant())))}";

    /// <summary>Whether this line names the host (given in its known_hosts form, e.g. <c>[10.0.0.1]:2222</c>).</summary>
    [SuppressMessage("Security", "CA5350", Justification = "HMAC-SHA1 is what OpenSSH's hashed known_hosts format is defined with.")]
    public bool Matches(string name)
    {
        name = name.ToLowerInvariant();
        if (hash is not null && salt is not null)
        {
            return CryptographicOperations.FixedTimeEquals(HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name)), hash);
        }
        var matched = false;
        foreach (var pattern in patterns)
        {
            var negated = pattern.StartsWith('!');
            if (Wildcard(negated ? pattern[1..] : pattern, name))
            {
                if (negated)
                {
                    return false;
                }
                matched = true;
            }
        }
        return matched;
    }

    public bool SameKey(byte[] blob) => Key.AsSpan().SequenceEqual(blob);

    private static bool Wildcard(string pattern, string text)
    {
        pattern = pattern.ToLowerInvariant();
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }
}
