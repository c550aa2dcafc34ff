namespace OsInstall.Common.Dns;

/// <summary>A primary zone: its name (no trailing dot), its file on the primary, and for reverse zones the network it covers.</summary>
public sealed record DnsZone(string Name, string FilePath, string? Cidr = null)
{
    public bool IsReverse => Cidr is not null;
}
