using System.Collections.Concurrent;
using OsInstall.Common.Config;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Common.Dns;

/// <summary>
/// Edits the cluster's zones on the DNS primary (controller-1) and reloads them: add-or-replace
/// and delete of A and PTR records. A batch reads each zone it touches once, writes it once,
/// bumps its serial once and reloads it once; a batch that changes nothing writes nothing.
/// </summary>
public sealed class DnsRecordService(ITarget primary, DnsZoneSet zones, DnsServiceOptions? options = null)
{
    // Containers on several controllers are built in parallel and all edit the same files on the
    // primary: a read-modify-write per zone must not interleave with another one.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    private readonly DnsServiceOptions options = options ?? new DnsServiceOptions();

    /// <summary>The service for the configured cluster: zones under /var/bind/pri, plain "rndc".</summary>
    public static DnsRecordService ForConfig(ITarget primary, ClusterConfig config, DnsServiceOptions? options = null) =>
        new(primary, DnsZoneSet.FromConfig(config), options);

    public DnsZoneSet Zones { get; } = zones;

    public Task<DnsApplyResult> ApplyAsync(IEnumerable<DnsChange> changes, CancellationToken ct = default) =>
        ApplyAsync(changes, reload: true, ct);

    /// <summary>
    /// Applies the changes; each changed zone gets one write with a bumped serial and, when
    /// <paramref name="reload"/>, one "rndc reload &lt;zone&gt;". With
    /// <see cref="DnsServiceOptions.CreateMissingZone"/>, every missing zone is created (written, not
    /// reloaded: named does not serve it before its next start).
    /// </summary>
    public async Task<DnsApplyResult> ApplyAsync(IEnumerable<DnsChange> changes, bool reload, CancellationToken ct = default)
    {
        var plan = Plan(changes);
        var changed = new List<string>();
        var created = new List<string>();
        var gate = Locks.GetOrAdd(primary.Name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            foreach (var (zone, zoneChanges) in plan)
            {
                ct.ThrowIfCancellationRequested();
                var (file, isNew) = await LoadAsync(zone, ct).ConfigureAwait(false);
                var edited = false;
                foreach (var change in zoneChanges)
                {
                    edited |= Apply(file, zone, change);
                }
                if (isNew)
                {
                    await primary.WriteFileAsync(zone.FilePath, file.Serialize(), options.ZoneFileSpec, ct).ConfigureAwait(false);
                    created.Add(zone.Name);
                    continue;
                }
                if (!edited)
                {
                    continue;
                }
                file.BumpSerial(ZoneSerial.Today(options.Clock));
                await primary.WriteFileAsync(zone.FilePath, file.Serialize(), options.ZoneFileSpec, ct).ConfigureAwait(false);
                changed.Add(zone.Name);
            }
            if (reload)
            {
                foreach (var zone in changed)
                {
                    await ReloadAsync(zone, ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            gate.Release();
        }
        return new DnsApplyResult(changed, created);
    }

    public async Task<bool> AddOrReplaceAAsync(string name, string address, CancellationToken ct = default) =>
        (await ApplyAsync([DnsChange.SetA(name, address)], ct).ConfigureAwait(false)).Changed;

    public async Task<bool> AddOrReplacePtrAsync(string address, string name, CancellationToken ct = default) =>
        (await ApplyAsync([DnsChange.SetPtr(address, name)], ct).ConfigureAwait(false)).Changed;

    public async Task<bool> DeleteAAsync(string name, CancellationToken ct = default) =>
        (await ApplyAsync([DnsChange.DeleteA(name)], ct).ConfigureAwait(false)).Changed;

    public async Task<bool> DeletePtrAsync(string name, CancellationToken ct = default) =>
        (await ApplyAsync([DnsChange.DeletePtr(name)], ct).ConfigureAwait(false)).Changed;

    /// <summary>A and PTR of a host in one batch.</summary>
    public async Task<bool> AddOrReplaceHostAsync(string name, string address, CancellationToken ct = default) =>
        (await ApplyAsync(DnsChange.SetHost(name, address), ct).ConfigureAwait(false)).Changed;

    /// <summary>A and every PTR of a host removed in one batch.</summary>
    public async Task<bool> DeleteHostAsync(string name, CancellationToken ct = default) =>
        (await ApplyAsync(DnsChange.DeleteHost(name), ct).ConfigureAwait(false)).Changed;

    /// <summary>Moves a zone's serial to max(today01, serial + 1), writes it and reloads it.</summary>
    public async Task<long> BumpSerialAsync(string zoneName, CancellationToken ct = default)
    {
        var zone = Zones.Named(zoneName);
        var gate = Locks.GetOrAdd(primary.Name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var file = await ReadZoneAsync(zone.Name, ct).ConfigureAwait(false);
            file.BumpSerial(ZoneSerial.Today(options.Clock));
            await primary.WriteFileAsync(zone.FilePath, file.Serialize(), options.ZoneFileSpec, ct).ConfigureAwait(false);
            await ReloadAsync(zone.Name, ct).ConfigureAwait(false);
            return file.Soa.Serial;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>rndc reload &lt;zone&gt; on the primary.</summary>
    public Task ReloadAsync(string zoneName, CancellationToken ct = default)
    {
        var zone = Zones.Named(zoneName);
        return primary.RunCheckedAsync(Sh.Join([.. options.Rndc, "reload", zone.Name]), ct);
    }

    /// <summary>The zone as it is on the primary (for reconciling, e.g. "dns sync").</summary>
    public async Task<ZoneFile> ReadZoneAsync(string zoneName, CancellationToken ct = default)
    {
        var zone = Zones.Named(zoneName);
        var text = await primary.ReadFileAsync(zone.FilePath, ct).ConfigureAwait(false)
            ?? throw new DnsZoneMissingException(zone, primary.Name);
        return ZoneFile.Parse(text, zone.Name);
    }

    private async Task<(ZoneFile File, bool IsNew)> LoadAsync(DnsZone zone, CancellationToken ct)
    {
        var text = await primary.ReadFileAsync(zone.FilePath, ct).ConfigureAwait(false);
        if (text is not null)
        {
            return (ZoneFile.Parse(text, zone.Name), false);
        }
        if (options.CreateMissingZone is null)
        {
            throw new DnsZoneMissingException(zone, primary.Name);
        }
        return (ZoneFile.Parse(options.CreateMissingZone(zone), zone.Name), true);
    }

    /// <summary>
    /// The zones each change touches, zones in order of first use, changes in given order; with a
    /// zone creator, every zone, so that all of them exist afterwards.
    /// </summary>
    private List<(DnsZone Zone, List<DnsChange> Changes)> Plan(IEnumerable<DnsChange> changes)
    {
        var plan = new List<(DnsZone Zone, List<DnsChange> Changes)>();
        if (options.CreateMissingZone is not null)
        {
            plan.AddRange(Zones.All.Select(z => (z, new List<DnsChange>())));
        }
        foreach (var change in changes)
        {
            foreach (var zone in ZonesOf(change))
            {
                var entry = plan.FindIndex(p => p.Zone == zone);
                if (entry < 0)
                {
                    plan.Add((zone, [change]));
                }
                else
                {
                    plan[entry].Changes.Add(change);
                }
            }
        }
        return plan;
    }

    private IEnumerable<DnsZone> ZonesOf(DnsChange change) => change.Kind switch
    {
        DnsChangeKind.SetA or DnsChangeKind.DeleteA => [ForwardZoneOf(change.Name)],
        DnsChangeKind.SetPtr => [Zones.ReverseFor(ReverseZone.ParseAddress(Address(change)))],
        DnsChangeKind.DeletePtr => Zones.Reverse,
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };

    private DnsZone ForwardZoneOf(string name)
    {
        var fqdn = Zones.Fqdn(name);
        var origin = ZoneNames.Origin(Zones.Forward.Name);
        return fqdn.EndsWith("." + origin, StringComparison.Ordinal)
            ? Zones.Forward
            : throw new ArgumentException($"'{name}' is not inside the zone {Zones.Forward.Name}", nameof(name));
    }

    private bool Apply(ZoneFile file, DnsZone zone, DnsChange change)
    {
        var fqdn = Zones.Fqdn(change.Name);
        switch (change.Kind)
        {
            case DnsChangeKind.SetA:
                return file.Set(fqdn, "A", ReverseZone.ParseAddress(Address(change)).ToString());
            case DnsChangeKind.DeleteA:
                return file.Remove(fqdn, "A");
            case DnsChangeKind.SetPtr:
                var owner = ZoneNames.Absolute(ReverseZone.RelativeOwner(ReverseZone.ParseAddress(Address(change)), zone.Cidr!), zone.Name);
                var stale = file.RemoveWhere(r => r.Type == "PTR" && r.Owner != owner && PointsTo(r, fqdn, file));
                return file.Set(owner, "PTR", fqdn) | stale;
            case DnsChangeKind.DeletePtr:
                return file.RemoveWhere(r => r.Type == "PTR" && PointsTo(r, fqdn, file));
            default:
                throw new ArgumentOutOfRangeException(nameof(change));
        }
    }

    private static bool PointsTo(ResourceRecord record, string fqdn, ZoneFile file) =>
        ZoneNames.NormalizeData(record.Type, record.Data, file.Origin) == fqdn;

    private static string Address(DnsChange change) =>
        change.Address ?? throw new ArgumentException($"{change.Kind} of {change.Name} needs an address", nameof(change));
}
