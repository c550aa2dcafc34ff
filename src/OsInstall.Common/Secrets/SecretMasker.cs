namespace OsInstall.Common.Secrets;

/// <summary>
/// Replaces every known secret value, wherever it occurs, by a fixed mask. Used by the log
/// formatter and by everything that prints, so a secret cannot reach a log file or the console.
/// </summary>
public sealed class SecretMasker
{
    public const string Mask = "*****";
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
            // Longest first, so a secret that contains another is masked whole.
            secrets = secrets.Concat(values.Where(v => v.Length >= 4))
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
