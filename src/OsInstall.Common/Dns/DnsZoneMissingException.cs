namespace OsInstall.Common.Dns;

/// <summary>A zone file the record API should edit is not on the primary (bind not installed?).</summary>
public sealed class DnsZoneMissingException(DnsZone zone, string host)
    : Exception($"zone file {zone.FilePath} of zone {zone.Name} does not exist on {host}: install the bind component first")
{
    public DnsZone Zone { get; } = zone;
}
