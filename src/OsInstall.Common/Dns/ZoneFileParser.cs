using System.Globalization;
using System.Text;

namespace OsInstall.Common.Dns;

/// <summary>
/// Reads the master-file subset osinstall writes: $TTL, a (possibly parenthesised) SOA, records
/// with optional TTL and class, blank owners, quoted strings and ; comments. $ORIGIN, $INCLUDE and
/// $GENERATE are refused rather than misread, since they would change what later names mean.
/// </summary>
internal static class ZoneFileParser
{
    public static List<ZoneLine> Parse(string text, string origin)
    {
        var physical = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        if (physical.Count > 0 && physical[^1].Length == 0)
        {
            physical.RemoveAt(physical.Count - 1);
        }

        var result = new List<ZoneLine>();
        string? lastOwner = null;
        var i = 0;
        while (i < physical.Count)
        {
            var first = i + 1;
            var entry = new StringBuilder(physical[i]);
            var tokens = new List<ZoneToken>();
            var depth = Tokenize(physical[i], 0, tokens, 0, first);
            i++;
            while (depth > 0)
            {
                if (i >= physical.Count)
                {
                    throw new FormatException($"line {first}: unbalanced '(' at end of zone file");
                }
                entry.Append('\n');
                depth = Tokenize(physical[i], entry.Length, tokens, depth, i + 1);
                entry.Append(physical[i]);
                i++;
            }
            var raw = entry.ToString();
            result.Add(Classify(raw, tokens, origin, ref lastOwner, first));
        }
        return result;
    }

    private static ZoneLine Classify(string raw, List<ZoneToken> tokens, string origin, ref string? lastOwner, int lineNo)
    {
        if (tokens.Count == 0)
        {
            return new ZoneLine(raw);
        }
        var inherited = raw[0] is ' ' or '\t';
        if (!inherited && tokens[0].Value.StartsWith('$'))
        {
            var directive = tokens[0].Value.ToUpperInvariant();
            if (directive == "$TTL" && tokens.Count == 2 && IsTtl(tokens[1].Value))
            {
                return new ZoneLine(raw);
            }
            throw new FormatException($"line {lineNo}: directive {tokens[0].Value} is not supported here");
        }

        var pos = 0;
        string owner;
        if (inherited)
        {
            owner = lastOwner ?? throw new FormatException($"line {lineNo}: record without an owner and no previous owner");
        }
        else
        {
            owner = ZoneNames.Absolute(tokens[0].Value, origin);
            pos = 1;
        }
        string? ttl = null;
        string? cls = null;
        for (var k = 0; k < 2 && pos < tokens.Count; k++)
        {
            var t = tokens[pos].Value;
            if (ttl is null && IsTtl(t))
            {
                ttl = t;
                pos++;
            }
            else if (cls is null && IsClass(t))
            {
                cls = t.ToUpperInvariant();
                pos++;
            }
        }
        if (pos >= tokens.Count)
        {
            throw new FormatException($"line {lineNo}: record without a type");
        }
        var type = tokens[pos].Value.ToUpperInvariant();
        var data = tokens.Skip(pos + 1).ToList();
        lastOwner = owner;

        if (type == "SOA")
        {
            if (data.Count != 7 || !long.TryParse(data[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var serial))
            {
                throw new FormatException($"line {lineNo}: SOA needs primary, mailbox, serial, refresh, retry, expire and minimum");
            }
            var soa = new SoaRecord(owner, data[0].Value, data[1].Value, serial, data[3].Value, data[4].Value, data[5].Value, data[6].Value);
            return new ZoneLine(raw, Soa: soa) { SerialStart = data[2].Start, SerialLength = data[2].Value.Length };
        }
        if (data.Count == 0)
        {
            throw new FormatException($"line {lineNo}: {type} record without data");
        }
        var record = new ResourceRecord(owner, type, string.Join(' ', data.Select(d => d.Value)), ttl, cls) { OwnerInherited = inherited };
        return new ZoneLine(raw, record);
    }

    /// <summary>Splits one physical line into tokens (offsets relative to the entry); returns the parenthesis depth after it.</summary>
    private static int Tokenize(string line, int offset, List<ZoneToken> tokens, int depth, int lineNo)
    {
        var k = 0;
        while (k < line.Length)
        {
            var c = line[k];
            if (c == ';')
            {
                break;
            }
            if (c is ' ' or '\t')
            {
                k++;
                continue;
            }
            if (c == '(')
            {
                depth++;
                k++;
                continue;
            }
            if (c == ')')
            {
                depth--;
                if (depth < 0)
                {
                    throw new FormatException($"line {lineNo}: ')' without '('");
                }
                k++;
                continue;
            }
            var start = k;
            if (c == '"')
            {
                k++;
                while (k < line.Length && line[k] != '"')
                {
                    k += line[k] == '\\' ? 2 : 1;
                }
                if (k >= line.Length)
                {
                    throw new FormatException($"line {lineNo}: unterminated quoted string");
                }
                k++;
            }
            else
            {
                while (k < line.Length && line[k] is not (' ' or '\t' or ';' or '(' or ')'))
                {
                    k += line[k] == '\\' ? 2 : 1;
                }
                k = Math.Min(k, line.Length);
            }
            tokens.Add(new ZoneToken(line[start..k], offset + start));
        }
        return depth;
    }

    private static bool IsTtl(string token) =>
        token.Length > 0 && char.IsAsciiDigit(token[0]) && token.All(ch => char.IsAsciiDigit(ch) || "smhdwSMHDW".Contains(ch, StringComparison.Ordinal));

    private static bool IsClass(string token) =>
        token.ToUpperInvariant() is "IN" or "CH" or "HS" or "CS";
}
