namespace OsInstall.Common.Targets.Ssh;

/// <summary>A host presented a key that known_hosts does not vouch for (unknown, changed or revoked).</summary>
public sealed class HostKeyRejectedException(string host, string fingerprint, string message)
    : Exception(message)
{
    public string Host { get; } = host;

    /// <summary>OpenSSH style: <c>SHA256:</c> + unpadded base64.</summary>
    public string Fingerprint { get; } = fingerprint;
}
