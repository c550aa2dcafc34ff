namespace OsInstall.Common.Secrets;

/// <summary>
/// Replaces every known secret value, wherever it occurs, by a fixed mask. Used by the log
/// formatter and by everything that prints, so a secret cannot reach a log file or the console.
/// </summary>
public sealed class SecretMasker
{
    public const string Mask = "*****";

    /// <summary>Shorter values are not masked (they would blank ordinary words); the secrets file refuses them.</summary>
    public const int MinLength = 4;
    private string[] secrets = [];
    private readonly Lock gate = new();

    public static readonly SecretMasker None = new();

    public SecretMasker(IEnumerable<string>? values = null)
    {
        if (values is not null)
        {
            AddRange(values);
        }
    }

    public void AddRange(IEnumerable<string> values)
    {
        lock (gate)
        {
            // Longest first, so a secret that contains another is masked whole. A value with a
            // quote also appears in commands in its shell-quoted form ('\'' for '), masked too.
            var forms = values.Where(v => v is not null && v.Length >= MinLength)
                .SelectMany(v => v.Contains('\'', StringComparison.Ordinal) ? [v, v.Replace("'", "'\\''", StringComparison.Ordinal)] : new[] { v })
                .SelectMany(v => Base64Forms(v).Prepend(v));
            secrets = secrets.Concat(forms)
                .Distinct(StringComparer.Ordinal)
                .OrderByDescending(v => v.Length)
                .ToArray();
        }
    }

    /// <summary>
    /// What a secret looks like inside base64 of a larger text (a file written through a shell
    /// command travels base64-encoded): for each of the three alignments it can start at, the run
    /// of base64 characters that depends on the secret's bytes alone. Runs shorter than
    /// <see cref="MinBase64Length"/> are left out (they could blank unrelated encoded text).
    /// </summary>
    public static IEnumerable<string> Base64Forms(string secret)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(secret);
        for (var pad = 0; pad < 3; pad++)
        {
            var buffer = new byte[pad + bytes.Length];
            bytes.CopyTo(buffer, pad);
            var encoded = Convert.ToBase64String(buffer);
            // Skip the groups that hold padding bytes and the last group if it holds bytes that follow.
            var start = pad == 0 ? 0 : 4;
            var whole = buffer.Length / 3 * 4;
            var core = whole > start ? encoded[start..whole] : "";
            if (core.Length >= MinBase64Length)
            {
                yield return core;
            }
        }
    }

    /// <summary>Shortest base64 run of a secret that is masked.</summary>
    public const int MinBase64Length = 8;

    public string Apply(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }
        var current = secrets;
        foreach (var s in current)
        {
            if (text.Contains(s, StringComparison.Ordinal))
            {
                text = text.Replace(s, Mask, StringComparison.Ordinal);
            }
        }
        return text;
    }
}
