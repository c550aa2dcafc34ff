namespace OsInstall.Common.Dns;

public enum DnsChangeKind
{
    /// <summary>Add or replace the A record of a name in the forward zone.</summary>
    SetA,
    /// <summary>Add or replace the PTR of an address in its reverse zone (stale PTRs to the same name there go).</summary>
    SetPtr,
    /// <summary>Remove the A records of a name.</summary>
    DeleteA,
    /// <summary>Remove every PTR, in every reverse zone, that points to a name.</summary>
    DeletePtr,
}
