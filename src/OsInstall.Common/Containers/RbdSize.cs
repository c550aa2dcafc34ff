using System.Globalization;

namespace OsInstall.Common.Containers;

/// <summary>Sizes as rbd takes them: a number of MiB, or a number with M, G or T.</summary>
public static class RbdSize
{
    private const long MiB = 1024 * 1024;

    public static long ToBytes(string size)
    {
        var s = size.Trim();
        var unit = s.Length > 0 && char.IsLetter(s[^1]) ? char.ToUpperInvariant(s[^1]) : 'M';
        var digits = char.IsLetter(s.Length > 0 ? s[^1] : '0') ? s[..^1] : s;
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            throw new ArgumentException($"'{size}' is not a size (e.g. 512M, 2G)", nameof(size));
        }
        return unit switch
        {
            'M' => n * MiB,
            'G' => n * MiB * 1024,
            'T' => n * MiB * 1024 * 1024,
            _ => throw new ArgumentException($"'{size}': unit must be M, G or T", nameof(size)),
        };
    }

    /// <summary>The --size argument for a byte count (whole MiB).</summary>
    public static string Argument(long bytes) => $"{(bytes + MiB - 1) / MiB}M";
}
