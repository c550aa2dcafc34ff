namespace OsInstall.Common.Config;

/// <summary>"did you mean 'x'?": the closest known name by edit distance (a swap of two letters counts as one edit).</summary>
public static class KeySuggester
{
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        var normalized = Normalize(typed);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var d = Distance(normalized, candidate);
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }
        var allowed = Math.Max(1, Math.Min(3, Math.Max(normalized.Length, 1) / 3));
        return best is not null && bestDistance <= allowed ? best : null;
    }

    // keyFile, key-file and Key_File are all meant as key_file.
    private static string Normalize(string typed) => SnakeCaseNames.FromPascal(typed.Trim()).Replace('-', '_').ToLowerInvariant();

    /// <summary>Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a substring).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
