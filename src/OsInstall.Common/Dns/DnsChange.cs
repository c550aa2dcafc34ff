namespace OsInstall.Common.Dns;

/// <summary>
/// One record change for <see cref="DnsRecordService.ApplyAsync(IEnumerable{DnsChange}, bool, CancellationToken)"/>.
/// Names are host names in the cluster domain ("keystone-1") or absolute names ending in '.'.
/// </summary>
public sealed record DnsChange(DnsChangeKind Kind, string Name, string? Address = null)
{
    public static DnsChange SetA(string name, string address) => new(DnsChangeKind.SetA, name, address);

    public static DnsChange SetPtr(string address, string name) => new(DnsChangeKind.SetPtr, name, address);

    public static DnsChange DeleteA(string name) => new(DnsChangeKind.DeleteA, name);

    public static DnsChange DeletePtr(string name) => new(DnsChangeKind.DeletePtr, name);

    /// <summary>A and PTR of a host: what a new OVN port or compute node needs.</summary>
    public static IReadOnlyList<DnsChange> SetHost(string name, string address) => [SetA(name, address), SetPtr(address, name)];

    /// <summary>A and PTR of a host removed: what a removed port or node needs.</summary>
    public static IReadOnlyList<DnsChange> DeleteHost(string name) => [DeleteA(name), DeletePtr(name)];
}
