namespace OsInstall.Common.Secrets;

/// <summary>How a secret comes to be.</summary>
public enum SecretKind
{
    /// <summary>A random password of letters and digits.</summary>
    Password,
    /// <summary>Random bytes, base64 (TSIG and rndc keys, Fernet-like material).</summary>
    Base64Key,
    /// <summary>A random value of exactly 8 characters (keepalived PASS authentication truncates to 8).</summary>
    ShortPassword,
    /// <summary>A random UUID.</summary>
    Uuid,
    /// <summary>Not generated: comes from outside (the Ceph cluster's keys); the operator pastes it in.</summary>
    External,
}

/// <summary>One credential the cluster needs; <paramref name="Format"/>: what the files it lands in can hold, if they limit it further.</summary>
public sealed record SecretSpec(string Name, SecretKind Kind, string Description, SecretFormat? Format = null);
