using System.Globalization;
using System.Text;

namespace OsInstall.Common.Dns;

/// <summary>
/// A zone file in memory: the entries as read (written back verbatim unless changed) plus
/// add-or-replace / remove of records and the SOA serial. Names given to the methods may be
/// relative to <see cref="Origin"/> or absolute.
/// </summary>
public sealed class ZoneFile
{
    private readonly List<ZoneLine> lines;

    private ZoneFile(string origin, List<ZoneLine> lines)
    {
        Origin = ZoneNames.Origin(origin);
        this.lines = lines;
    }

    /// <summary>The zone's name, absolute with the trailing dot.</summary>
    public string Origin { get; }

    public IReadOnlyList<ZoneLine> Lines => lines;

    public SoaRecord Soa => lines.Select(l => l.Soa).FirstOrDefault(s => s is not null)
        ?? throw new InvalidOperationException($"zone {Origin} has no SOA record");

    /// <summary>Every record but the SOA, in file order.</summary>
    public IEnumerable<ResourceRecord> Records => lines.Where(l => l.Record is not null).Select(l => l.Record!);

    public static ZoneFile Parse(string text, string origin)
    {
        var zone = new ZoneFile(origin, ZoneFileParser.Parse(text, ZoneNames.Origin(origin)));
        _ = zone.Soa;
        return zone;
    }

    public string Serialize()
    {
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            sb.Append(line.Text ?? Format(line)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Records of this owner and type (type in any case).</summary>
    public IReadOnlyList<ResourceRecord> Find(string name, string type)
    {
        var owner = ZoneNames.Absolute(name, Origin);
        var t = type.ToUpperInvariant();
        return Records.Where(r => r.Owner == owner && r.Type == t).ToList();
    }

    /// <summary>
    /// Makes <paramref name="data"/> the only record of this owner and type: replaces the first
    /// existing one in place, drops the rest, appends when there is none. False when it already was.
    /// </summary>
    public bool Set(string name, string type, string data)
    {
        var owner = ZoneNames.Absolute(name, Origin);
        var t = type.ToUpperInvariant();
        var wanted = ZoneNames.NormalizeData(t, data, Origin);
        var matching = Indexes(r => r.Owner == owner && r.Type == t);
        var keep = matching.FirstOrDefault(i => ZoneNames.NormalizeData(t, lines[i].Record!.Data, Origin) == wanted, -1);
        if (keep >= 0 && matching.Count == 1)
        {
            return false;
        }
        if (keep < 0)
        {
            var record = new ResourceRecord(owner, t, data);
            if (matching.Count == 0)
            {
                lines.Add(new ZoneLine(null, record));
                return true;
            }
            keep = matching[0];
            lines[keep] = new ZoneLine(null, record);
        }
        RemoveIndexes(matching.Where(i => i != keep).ToList());
        return true;
    }

    /// <summary>Removes every record of this owner and type; false when there was none.</summary>
    public bool Remove(string name, string type)
    {
        var owner = ZoneNames.Absolute(name, Origin);
        var t = type.ToUpperInvariant();
        return RemoveWhere(r => r.Owner == owner && r.Type == t);
    }

    /// <summary>Removes every record that matches; false when none did.</summary>
    public bool RemoveWhere(Func<ResourceRecord, bool> match)
    {
        var found = Indexes(match);
        RemoveIndexes(found);
        return found.Count > 0;
    }

    /// <summary>Sets the SOA serial, leaving the rest of the SOA entry as written.</summary>
    public void SetSerial(long serial)
    {
        var i = lines.FindIndex(l => l.Soa is not null);
        if (i < 0)
        {
            throw new InvalidOperationException($"zone {Origin} has no SOA record");
        }
        var line = lines[i];
        var value = serial.ToString(CultureInfo.InvariantCulture);
        var soa = line.Soa! with { Serial = serial };
        if (line.Text is null || line.SerialStart < 0)
        {
            lines[i] = new ZoneLine(null, Soa: soa);
            return;
        }
        var text = string.Concat(line.Text.AsSpan(0, line.SerialStart), value, line.Text.AsSpan(line.SerialStart + line.SerialLength));
        lines[i] = line with { Text = text, Soa = soa, SerialLength = value.Length };
    }

    /// <summary>Moves the serial to max(today01, serial + 1).</summary>
    public void BumpSerial(DateOnly today) => SetSerial(ZoneSerial.Next(Soa.Serial, today));

    private List<int> Indexes(Func<ResourceRecord, bool> match) =>
        Enumerable.Range(0, lines.Count).Where(i => lines[i].Record is { } r && match(r)).ToList();

    private void RemoveIndexes(List<int> indexes)
    {
        foreach (var i in indexes.OrderByDescending(x => x))
        {
            var removedHadOwner = lines[i].Record is { OwnerInherited: false };
            lines.RemoveAt(i);
            if (removedHadOwner)
            {
                KeepOwnerOfNextRecord(i);
            }
        }
    }

    // A following record that relied on the removed line's owner would silently move to the
    // owner before it; writing that record out with its own owner keeps its meaning.
    private void KeepOwnerOfNextRecord(int from)
    {
        for (var j = from; j < lines.Count; j++)
        {
            if (lines[j].Soa is not null)
            {
                return;
            }
            if (lines[j].Record is { } r)
            {
                if (r.OwnerInherited)
                {
                    lines[j] = new ZoneLine(null, r with { OwnerInherited = false });
                }
                return;
            }
        }
    }

    private string Format(ZoneLine line)
    {
        if (line.Soa is { } s)
        {
            return $"{ZoneNames.Relative(s.Owner, Origin)}\tIN\tSOA\t{s.PrimaryNameServer} {s.Mailbox} {s.Serial.ToString(CultureInfo.InvariantCulture)} {s.Refresh} {s.Retry} {s.Expire} {s.Minimum}";
        }
        var r = line.Record!;
        var ttl = r.Ttl is null ? "" : r.Ttl + "\t";
        return $"{ZoneNames.Relative(r.Owner, Origin)}\t{ttl}{r.Class ?? "IN"}\t{r.Type}\t{r.Data}";
    }
}
