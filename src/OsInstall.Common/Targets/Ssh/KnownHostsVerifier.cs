using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OsInstall.Common.Targets.Ssh;

/// <summary>
/// Checks host keys against an OpenSSH known_hosts file (plain and hashed entries).
/// A known key is trusted; a host with recorded keys that presents another key is refused
/// (changed key: always, whatever acceptNew says); a host with no recorded key is refused unless
/// <paramref name="acceptNew"/>, in which case its key is appended in plain form, as
/// OpenSSH's StrictHostKeyChecking=accept-new does.
/// </summary>
public sealed class KnownHostsVerifier(string path, bool acceptNew)
{
    private readonly Lock gate = new();

    public string Path { get; } = path;

    public bool AcceptNew { get; } = acceptNew;

    /// <summary>OpenSSH's fingerprint form: <c>SHA256:</c> + base64 without padding.</summary>
    public static string Fingerprint(byte[] keyBlob) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('=');

    /// <summary>The key type inside an SSH wire-format public key blob (its first string).</summary>
    public static string KeyTypeOf(byte[] keyBlob)
    {
        if (keyBlob.Length < 4)
        {
            return "unknown";
        }
        var length = BinaryPrimitives.ReadInt32BigEndian(keyBlob);
        return length > 0 && length <= keyBlob.Length - 4 ? Encoding.ASCII.GetString(keyBlob, 4, length) : "unknown";
    }

    /// <summary>Key types recorded for the host; the connection offers only these host key algorithms when there are any.</summary>
    public IReadOnlySet<string> KnownKeyTypes(SshEndpoint host) =>
        EntriesFor(host, ReadEntries()).Where(e => e.Marker is null).Select(e => e.KeyType).ToHashSet(StringComparer.Ordinal);

    public HostKeyDecision Verify(SshEndpoint host, byte[] keyBlob)
    {
        var fingerprint = Fingerprint(keyBlob);
        var keyType = KeyTypeOf(keyBlob);
        lock (gate)
        {
            var entries = EntriesFor(host, ReadEntries()).ToList();
            if (entries.Any(e => e.Marker == "@revoked" && e.SameKey(keyBlob)))
            {
                return new HostKeyDecision(false, fingerprint,
                    $"{host}: host key {keyType} {fingerprint} is marked @revoked in {Path}; refusing to connect");
            }
            var keys = entries.Where(e => e.Marker is null).ToList();
            if (keys.Any(e => e.SameKey(keyBlob)))
            {
                return new HostKeyDecision(true, fingerprint, null);
            }
            if (keys.Count > 0)
            {
                var lines = string.Join(", ", keys.Select(e => e.Line));
                return new HostKeyDecision(false, fingerprint,
                    $"{host}: HOST KEY CHANGED: the host presented {keyType} {fingerprint}, which is not the key recorded in {Path} (line {lines}); " +
                    "refusing to connect (possible man-in-the-middle). If the host was really reinstalled, remove its old entry first.");
            }
            if (!AcceptNew)
            {
                return new HostKeyDecision(false, fingerprint,
                    $"{host}: unknown host key {keyType} {fingerprint}: not in {Path}; refusing to connect " +
                    "(check the fingerprint, then run with --accept-new-host-keys to record it)");
            }
            Append(host, keyBlob, keyType);
            return new HostKeyDecision(true, fingerprint, null, Recorded: true);
        }
    }

    private static IEnumerable<KnownHostsEntry> EntriesFor(SshEndpoint host, IEnumerable<KnownHostsEntry> entries) =>
        entries.Where(e => e.Marker != "@cert-authority" && host.KnownHostsNames.Any(e.Matches));

    private List<KnownHostsEntry> ReadEntries()
    {
        if (!File.Exists(Path))
        {
            return [];
        }
        var result = new List<KnownHostsEntry>();
        var number = 0;
        foreach (var line in File.ReadLines(Path))
        {
            number++;
            if (KnownHostsEntry.Parse(line, number) is { } entry)
            {
                result.Add(entry);
            }
        }
        return result;
    }

    private void Append(SshEndpoint host, byte[] keyBlob, string keyType)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var needsNewline = File.Exists(Path) && new FileInfo(Path).Length > 0 && !EndsWithNewline(Path);
        var line = $"{string.Join(',', host.KnownHostsNames)} {keyType} {Convert.ToBase64String(keyBlob)}\n";
        File.AppendAllText(Path, (needsNewline ? "\n" : "") + line);
    }

    private static bool EndsWithNewline(string file)
    {
        using var stream = File.OpenRead(file);
        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() == '\n';
    }
}
