using OsInstall.Common.Dns;

namespace OsInstall.Common.Ovn;

/// <summary>What "dns sync" found (and, unless it was a dry run, applied): the record changes, and the zones they changed.</summary>
public sealed record DnsSyncResult(IReadOnlyList<DnsChange> Changes, bool Applied, IReadOnlyList<string> ChangedZones)
{
    public bool InSync => Changes.Count == 0;
}
