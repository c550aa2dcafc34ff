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
                .SelectMany(v => v.Contains('\'', StringComparison.Ordinal) ? [v, v.Replace("'", "'\\''", StringComparison.Ordinal)] : new[] { v });
            secrets = secrets.Concat(forms)
                .Distinct(StringComparer.Ordinal)
                .OrderByDescending(v => v.Length)
                .ToArray();
        }
    }

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
